"""Every registered kind of work appears in the queue when its app creates one, and leaves
it when the app decides (one test per kind)."""

import pytest

from casework.registry import services as registry
from casework.registry.models import DuplicateSuspicion
from licensing import services as licensing
from permits.services import application_set_status, application_submit
from portal.console.kinds import work_kinds
from portal.console.models import WorkItem
from portal.console.services import work_reconcile
from portal.models import Review
from portal.review_kinds import review_kinds
from portal.services.organisations import ORGANISATION_REQUEST, organisation_request
from portal.services.reviews import review_open
from tests.casework.conftest import Providers
from tests.casework.helpers import client_fields, make_client
from tests.console.helpers import staff
from tests.factories import OrganisationFactory, UserFactory
from tests.licensing.helpers import approved, buy_by_invoice, company, representative, unused_code
from tests.permits.helpers import register

pytestmark = pytest.mark.django_db

OWN_TESTS = {
    "casework.duplicate",
    "licensing.exam",
    "permits.application",
    "billing.invoice_request",
}


def waiting(kind: str) -> list[WorkItem]:
    return list(WorkItem.objects.filter(kind=kind, state="waiting"))


def test_every_registered_kind_has_its_test():
    review_keys = {k.key for k in review_kinds()}
    assert {k.key for k in work_kinds()} == review_keys | OWN_TESTS


@pytest.mark.parametrize("key", sorted(k.key for k in review_kinds()))
def test_each_review_kind_is_an_item(key, django_capture_on_commit_callbacks):
    subject = OrganisationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        review = review_open(
            kind=key, subject=subject, applicant=UserFactory(), staff_role="city", summary="X"
        )
    [item] = waiting(key)
    assert (item.subject_id, item.office) == (review.pk, "city")
    with django_capture_on_commit_callbacks(execute=True):
        Review.objects.filter(pk=review.pk).update(state="withdrawn")
        work_reconcile()  # a set-based update sends no signal: the sweep closes it
    item.refresh_from_db()
    assert item.state == "withdrawn"


def test_a_new_organisation_request_is_an_item(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        organisation_request(
            user=UserFactory(email="founder@example.org"),
            organisation=OrganisationFactory.build(legal_name="Génie Nordique inc."),
            service="jobboard",
        )
    [item] = waiting(ORGANISATION_REQUEST)
    assert item.office == "regulator" and "founder@example.org" in item.search


def test_a_suspected_duplicate_is_an_item(django_capture_on_commit_callbacks):
    providers = Providers()
    existing = make_client(providers.a, providers.worker_a)
    with django_capture_on_commit_callbacks(execute=True):
        registry.client_register(
            actor=providers.worker_b,
            group=providers.b.group,
            fields=client_fields(first_name="Emilie", last_name="Gagnonne"),
            distinct_from=[existing],
            reason="Twin sister, met both",
        )
    [item] = waiting("casework.duplicate")
    assert item.office == "ministry" and "Northern Youth Services" in item.organisation
    with django_capture_on_commit_callbacks(execute=True):
        registry.duplicate_mark_distinct(
            suspicion=DuplicateSuspicion.objects.get(), actor=providers.ministry, note="Twins"
        )
    item.refresh_from_db()
    assert (item.state, item.outcome, item.decided_by) == (
        "decided",
        "distinct",
        providers.ministry,
    )


def test_an_exam_to_record_is_an_item(django_capture_on_commit_callbacks):
    group = company()
    buy_by_invoice(group, representative(group), 5)
    application = approved()
    licensing.code_redeem(
        application=application, typed=unused_code(group).display, actor=application.applicant
    )
    with django_capture_on_commit_callbacks(execute=True):
        licensing.course_complete(application=application, actor=application.applicant)
    [item] = waiting("licensing.exam")
    assert item.office == "certification_office" and item.organisation == str(group.organisation)
    office = staff("certification_office")
    with django_capture_on_commit_callbacks(execute=True):
        licensing.exam_record(application=application, passed=True, actor=office)
    item.refresh_from_db()
    assert (item.state, item.outcome, item.decided_by) == ("decided", "certified", office)


def test_a_permit_application_is_an_item(django_capture_on_commit_callbacks):
    owner = UserFactory()
    account = register(owner)
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(
            account=account, actor=owner, kind="pool", site_address="12 rue Principale"
        )
    [item] = waiting("permits.application")
    assert item.office == "city" and item.reference == application.reference
    city = staff("city")
    item.assignee = city
    item.save()
    with django_capture_on_commit_callbacks(execute=True):
        application_set_status(application=application, actor=city, status="in_review")
    assert waiting("permits.application") == [item]
    with django_capture_on_commit_callbacks(execute=True):
        application_set_status(application=application, actor=city, status="issued")
    item.refresh_from_db()
    # The app does not say who decided: it is recorded against the assignee.
    assert (item.state, item.outcome, item.decided_by) == ("decided", "issued", city)


def test_a_request_for_invoice_billing_is_an_item(django_capture_on_commit_callbacks):
    from billing.services import billing_profile_set, invoice_billing_request

    group = company(eligible=False)
    buyer = representative(group)
    with django_capture_on_commit_callbacks(execute=True):
        invoice_billing_request(group=group, actor=buyer)
    [item] = waiting("billing.invoice_request")
    assert item.office == "certification_office" and item.applicant == buyer.display_name
    with django_capture_on_commit_callbacks(execute=True):
        billing_profile_set(
            organisation=group.organisation,
            service="licensing",
            invoice_eligible=True,
            actor=staff("certification_office"),
        )
    item.refresh_from_db()
    assert (item.state, item.outcome) == ("decided", "granted")
