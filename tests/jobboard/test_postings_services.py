"""J5/J6/item 7: submission, credits, the regulator's decisions, actions and the scheduled job."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from billing.credits import balances
from billing.models import CreditEntry
from jobboard.boosts import services as boosts
from jobboard.errors import JobboardError
from jobboard.postings import services
from jobboard.postings.models import Posting
from portal.models import AuditEvent, Review
from portal.services.reviews import review_decide
from tests.jobboard.postings_helpers import (
    complete_posting,
    give_credits,
    open_review,
    ready_group,
    submitted,
)

pytestmark = pytest.mark.django_db
S = Posting.State


@pytest.fixture(autouse=True)
def _in_english():
    # The refusals are matched by their English text.
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def group(alice):
    return ready_group(alice)


def test_submit_takes_the_credit_and_queues_a_review_due_in_two_business_days(group, alice):
    posting = submitted(group, alice)
    assert posting.state == S.IN_VALIDATION and posting.credit_kind == services.ENGINEER
    assert balances(group)[services.ENGINEER] == 0
    review = open_review(posting)
    assert review.staff_role == "regulator"
    assert review.due_date > timezone.localdate()
    entry = CreditEntry.objects.get(reason="apply")
    assert entry.posting_id == posting.pk and entry.delta == -1


def test_submit_without_credit_changes_nothing(group, alice):
    posting = complete_posting(group, alice)
    with pytest.raises(JobboardError, match="No Engineer postings credit"):
        services.posting_submit(posting=posting, actor=alice)
    posting.refresh_from_db()
    assert posting.state == S.DRAFT and not posting.credit_kind
    assert not Review.objects.exists()


def test_a_cpi_posting_needs_a_cpi_credit(group, alice):
    give_credits(group, services.ENGINEER)
    posting = complete_posting(group, alice, profile=Posting.Profile.CPI)
    with pytest.raises(JobboardError):
        services.posting_submit(posting=posting, actor=alice)
    give_credits(group, services.CPI)
    assert services.posting_submit(posting=posting, actor=alice).credit_kind == services.CPI


def test_featured_needs_a_featured_credit_and_takes_nothing_when_missing(group, alice):
    give_credits(group)
    posting = complete_posting(group, alice, featured=True)
    with pytest.raises(JobboardError, match="Featured"):
        services.posting_submit(posting=posting, actor=alice)
    assert balances(group)[services.ENGINEER] == 1  # rolled back with the rest
    give_credits(group, services.FEATURED)
    posting = services.posting_submit(posting=posting, actor=alice)
    assert posting.featured_credit and balances(group) == {
        services.ENGINEER: 0,
        services.FEATURED: 0,
    }


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"title_fr": ""}, "title in French"),
        ({"purpose_fr": "<p><br></p>"}, "purpose of the position"),
        ({"duties_fr": ""}, "main duties"),
        ({"qualifications_fr": "  "}, "qualifications"),
        ({"function_type": None}, "function type"),
        ({"location_kind": ""}, "work location"),
        ({"apply_mode": ""}, "how candidates apply"),
    ],
)
def test_incomplete_postings_are_refused(group, alice, overrides, message):
    give_credits(group)
    posting = complete_posting(group, alice, **overrides)
    with pytest.raises(JobboardError, match=message):
        services.posting_submit(posting=posting, actor=alice)
    assert Posting.objects.get(pk=posting.pk).state == S.DRAFT
    assert balances(group)[services.ENGINEER] == 1


def test_a_posting_without_the_company_logo_is_refused(alice):
    group = ready_group(alice)
    group.logo = ""
    group.save()
    give_credits(group)
    posting = complete_posting(group, alice)
    with pytest.raises(JobboardError, match="logo"):
        services.posting_submit(posting=posting, actor=alice)


def test_publication_date_needs_three_business_days(alice, group):
    from portal.lib.dates import add_business_days

    today = datetime.date(2026, 6, 19)  # a Friday; Wednesday 24 June is Quebec's holiday
    assert add_business_days(today, 3) == datetime.date(2026, 6, 24)  # elsewhere in Canada
    assert services.earliest_publication(today) == datetime.date(2026, 6, 25)
    assert services.publication_date_problems(datetime.date(2026, 6, 24), today)
    assert not services.publication_date_problems(datetime.date(2026, 6, 25), today)
    assert services.publication_date_problems(datetime.date(2026, 6, 23), today)


def test_cancel_in_validation_returns_to_draft_with_the_package_attached(group, alice):
    posting = submitted(group, alice)
    posting = services.posting_cancel(posting=posting, actor=alice)
    assert posting.state == S.DRAFT and posting.package_attached
    assert Review.objects.get().state == Review.State.WITHDRAWN
    # Submitting again takes no second credit.
    posting = services.posting_submit(posting=posting, actor=alice)
    assert posting.state == S.IN_VALIDATION
    assert CreditEntry.objects.filter(reason="apply").count() == 1


def test_return_package_gives_the_credit_back(group, alice):
    posting = services.posting_cancel(posting=submitted(group, alice), actor=alice)
    services.posting_return_package(posting=posting, actor=alice)
    assert balances(group)[services.ENGINEER] == 1
    assert CreditEntry.objects.filter(reason="return").count() == 1


def test_approve_publishes_for_thirty_days(group, alice, dana):
    posting = submitted(group, alice)
    review_decide(review=open_review(posting), actor=dana, decision="approve")
    posting.refresh_from_db()
    assert posting.state == S.ACTIVE and posting.live
    assert posting.ends_on == timezone.localdate() + datetime.timedelta(days=30)
    assert posting.published["title_fr"] == "Ingénieur·e en structures"


def test_approve_with_a_date_schedules_then_the_job_publishes(group, alice, dana):
    day = services.earliest_publication(timezone.localdate())
    posting = submitted(group, alice, publish_mode="on_date", publish_on=day)
    review_decide(review=open_review(posting), actor=dana, decision="approve")
    posting.refresh_from_db()
    assert posting.state == S.SCHEDULED and not posting.live
    assert services.postings_publish_and_expire(day - datetime.timedelta(days=1))["published"] == 0
    assert services.postings_publish_and_expire(day)["published"] == 1
    posting.refresh_from_db()
    assert posting.state == S.ACTIVE and posting.live
    assert posting.ends_on == day + datetime.timedelta(days=30)
    assert AuditEvent.objects.filter(subject_id=posting.pk, verb="posting.active").count() == 1


def test_the_job_expires_ended_postings_once(group, alice, dana):
    posting = submitted(group, alice)
    review_decide(review=open_review(posting), actor=dana, decision="approve")
    posting.refresh_from_db()
    after = posting.ends_on + datetime.timedelta(days=1)
    assert services.postings_publish_and_expire(posting.ends_on)["expired"] == 0
    assert services.postings_publish_and_expire(after)["expired"] == 1
    assert services.postings_publish_and_expire(after)["expired"] == 0
    posting.refresh_from_db()
    assert posting.state == S.EXPIRED and not posting.live


def test_changes_requested_then_revised_and_resubmitted(group, alice, dana):
    posting = submitted(group, alice)
    with_mail = mail.outbox.clear
    with_mail()
    review_decide(
        review=open_review(posting),
        actor=dana,
        decision="request_changes",
        note="Ajoutez les tâches.",
    )
    posting.refresh_from_db()
    assert posting.state == S.TO_REVISE
    posting = services.posting_submit(posting=posting, actor=alice)
    assert posting.state == S.IN_VALIDATION
    assert CreditEntry.objects.filter(reason="apply").count() == 1


def test_refuse_withdraws_without_refund(group, alice, dana):
    posting = submitted(group, alice)
    review_decide(review=open_review(posting), actor=dana, decision="refuse", note="Banque de CV.")
    posting.refresh_from_db()
    assert posting.state == S.ARCHIVED and not posting.live
    assert balances(group)[services.ENGINEER] == 0
    assert not CreditEntry.objects.filter(reason="return").exists()


def test_editing_an_active_posting_keeps_the_published_version_online(group, alice, dana):
    posting = submitted(group, alice)
    review_decide(review=open_review(posting), actor=dana, decision="approve")
    posting.refresh_from_db()
    ends_on = posting.ends_on
    Posting.objects.filter(pk=posting.pk).update(title_fr="Nouveau titre")
    posting = services.posting_submit(posting=posting, actor=alice)
    assert posting.state == S.IN_VALIDATION and posting.live
    assert posting.published["title_fr"] == "Ingénieur·e en structures"
    assert CreditEntry.objects.filter(reason="apply").count() == 1  # no second package
    review_decide(review=open_review(posting), actor=dana, decision="approve")
    posting.refresh_from_db()
    assert posting.state == S.ACTIVE and posting.published["title_fr"] == "Nouveau titre"
    assert posting.ends_on == ends_on


def test_end_then_archive(group, alice, dana):
    posting = submitted(group, alice)
    review_decide(review=open_review(posting), actor=dana, decision="approve")
    posting = services.posting_end(posting=posting, actor=alice)
    assert posting.state == S.EXPIRED and not posting.live
    assert services.posting_archive(posting=posting, actor=alice).state == S.ARCHIVED


@pytest.mark.parametrize(
    "service, states",
    [
        (services.posting_end, {S.DRAFT, S.IN_VALIDATION, S.TO_REVISE, S.SCHEDULED, S.EXPIRED}),
        (services.posting_archive, {S.DRAFT, S.IN_VALIDATION, S.TO_REVISE, S.ACTIVE}),
        (services.posting_cancel, {S.DRAFT, S.ACTIVE, S.EXPIRED, S.ARCHIVED}),
        (services.posting_submit, {S.IN_VALIDATION, S.EXPIRED, S.ARCHIVED}),
    ],
)
def test_each_transition_is_refused_in_the_other_statuses(group, alice, service, states):
    give_credits(group, n=10)
    for state in states:
        posting = complete_posting(group, alice, state=state)
        with pytest.raises(JobboardError):
            service(posting=posting, actor=alice)
        assert Posting.objects.get(pk=posting.pk).state == state


def test_duplicate_copies_content_without_package(group, alice):
    posting = submitted(group, alice)
    copy = services.posting_duplicate(posting=posting, actor=alice)
    assert copy.state == S.DRAFT and not copy.credit_kind
    assert copy.title_fr == posting.title_fr
    assert list(copy.domains.all()) == list(posting.domains.all())


def test_fulfilment_adds_credits_per_unit(group, alice):
    from billing.models import BillingAddress, BillingProfile, Product
    from billing.services import cart_set, order_create_from_cart, order_place_invoice

    BillingProfile.objects.create(
        organisation=group.organisation, service="jobboard", invoice_eligible=True
    )
    address = BillingAddress.objects.create(
        group=group, name="Ponts", street_address="1 rue A", city="Montréal", province="QC",
        postal_code="H1H 1H1",
    )  # fmt: skip
    cart_set(
        group=group,
        product=Product.objects.get(code="jobboard-engineer-5"),
        quantity=2,
        actor=alice,
    )
    order = order_create_from_cart(group=group, buyer=alice, address=address)
    order_place_invoice(order=order, actor=alice)
    assert balances(group)[services.ENGINEER] == 10


def test_staff_adjustment_cannot_go_below_zero(group, dana):
    from billing.credits import credit_adjust
    from billing.errors import BillingError

    give_credits(group, n=1)
    with pytest.raises(BillingError):
        credit_adjust(group=group, kind=services.ENGINEER, n=-2, actor=dana, note="Erreur")
    credit_adjust(group=group, kind=services.ENGINEER, n=-1, actor=dana, note="Erreur")
    assert balances(group)[services.ENGINEER] == 0
    assert AuditEvent.objects.filter(verb="credits.adjusted").exists()


def test_the_balance_cannot_be_negative_in_the_database(group):
    from django.db import IntegrityError, transaction

    from billing.models import CreditBalance

    give_credits(group)
    with pytest.raises(IntegrityError), transaction.atomic():
        CreditBalance.objects.filter(group=group).update(balance=-1)


def _active(group, alice, dana):
    posting = submitted(group, alice)
    review_decide(review=open_review(posting), actor=dana, decision="approve")
    posting.refresh_from_db()
    return posting


def test_boosts_take_their_credit(group, alice, dana):
    posting = _active(group, alice, dana)
    with pytest.raises(JobboardError, match="Featured"):
        boosts.posting_feature(posting=posting, actor=alice)
    give_credits(group, services.FEATURED)
    give_credits(group, services.EXTENSION)
    posting = boosts.posting_feature(posting=posting, actor=alice)
    assert posting.featured_until == timezone.localdate() + datetime.timedelta(days=7)
    with pytest.raises(JobboardError, match="already featured"):
        boosts.posting_feature(posting=posting, actor=alice)
    ends_on = posting.ends_on
    posting = boosts.posting_extend(posting=posting, actor=alice)
    assert posting.ends_on == ends_on + datetime.timedelta(days=7)
    assert balances(group)[services.FEATURED] == balances(group)[services.EXTENSION] == 0
    draft = complete_posting(group, alice)
    with pytest.raises(JobboardError):
        boosts.posting_extend(posting=draft, actor=alice)


@pytest.mark.parametrize(
    "decision, note, words",
    [
        ("request_changes", "Ajoutez les tâches principales.", "needs changes"),
        ("refuse", "Banque de candidatures : refusée.", "was refused"),
        ("approve", "", "was approved"),
    ],
)
def test_each_decision_is_emailed_to_the_employer(
    group, alice, dana, django_capture_on_commit_callbacks, decision, note, words
):
    posting = submitted(group, alice)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(review=open_review(posting), actor=dana, decision=decision, note=note)
    message = next(m for m in mail.outbox if alice.email in m.to)
    body = message.body
    assert posting.title_fr in body and note in body


def test_staff_set_prices(group, alice, dana):
    from billing.models import Product

    product = Product.objects.get(code="jobboard-featured")
    services.product_price_set(product=product, price_cents=16000, actor=dana)
    assert Product.objects.get(pk=product.pk).unit_price_cents == 16000
    with pytest.raises(JobboardError):
        services.product_price_set(product=product, price_cents=1, actor=alice)
