"""A new company can pay: the development test payment (same fulfilment as Stripe's
webhook, never in production) and invoice billing asked for from the review page and
granted or declined on the office's page, with e-mails."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from billing.models import BillingProfile, Order
from licensing.models import LicenceCode
from portal.models import AuditEvent
from tests.factories import UserFactory, make_member
from tests.licensing.helpers import company, draft_order, representative

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    return UserFactory(email="office@example.org", staff_role="certification_office", language="en")


def _review(group, order) -> str:
    return f"/en/billing/groups/{group.pk}/orders/{order.pk}/review/"


def test_test_payment_is_off_without_debug_or_setting(client, settings):
    settings.DEBUG = False
    settings.BILLING_TEST_PAYMENTS = False
    settings.STRIPE_SECRET_KEY = ""
    group = company(eligible=False)
    rep = representative(group)
    order = draft_order(group, rep)
    client.force_login(rep)
    page = client.get(_review(group, order)).content.decode()
    assert "Test payment" not in page
    response = client.post(_review(group, order), {"method": "test", "terms": "on"})
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.state == Order.State.DRAFT and not LicenceCode.objects.exists()


def test_test_payment_delivers_like_the_webhook(
    client, settings, django_capture_on_commit_callbacks
):
    settings.BILLING_TEST_PAYMENTS = True
    settings.STRIPE_SECRET_KEY = ""
    group = company(eligible=False)
    rep = representative(group)
    order = draft_order(group, rep)
    client.force_login(rep)
    page = client.get(_review(group, order)).content.decode()
    assert 'data-testid="test-payments-on"' in page
    assert "Test payment (development only: no money is taken)" in page
    # The terms are still required.
    client.post(_review(group, order), {"method": "test"})
    assert Order.objects.get(pk=order.pk).state == Order.State.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_review(group, order), {"method": "test", "terms": "on"})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.state == Order.State.PAID and order.method == Order.Method.TEST
    assert order.invoice_number and order.fulfilled_at is not None
    assert LicenceCode.objects.filter(group=group).count() == 5
    assert [m.to for m in mail.outbox] == [[rep.email]]  # the invoice, as after a card payment
    verbs = set(AuditEvent.objects.filter(subject_id=order.pk).values_list("verb", flat=True))
    assert {"order.awaiting_payment", "order.paid", "order.fulfilled"} <= verbs
    detail = client.get(response["Location"]).content.decode()
    assert "No money was taken" in detail
    # Posting again: the order is no longer a draft.
    client.post(_review(group, order), {"method": "test", "terms": "on"})
    assert LicenceCode.objects.filter(group=group).count() == 5


def test_deploy_check_refuses_test_payments(settings):
    settings.BILLING_TEST_PAYMENTS = True
    with pytest.raises(SystemCheckError, match="billing.E001"):
        call_command("check", "--deploy", "--fail-level", "ERROR")


def test_invoice_billing_asked_then_granted(
    client, office, settings, django_capture_on_commit_callbacks
):
    settings.STRIPE_SECRET_KEY = ""
    settings.BILLING_TEST_PAYMENTS = False
    other_office = UserFactory(staff_role="accreditation_office")
    # Holds the certification office as a second office: e-mailed too (issue 20).
    second = UserFactory(
        staff_role="accreditation_office",
        staff_offices={"accreditation_office": "reviewer", "certification_office": "reviewer"},
    )
    group = company(eligible=False)
    rep = representative(group)
    order = draft_order(group, rep)
    client.force_login(rep)
    url = f"/en/billing/groups/{group.pk}/orders/{order.pk}/invoice-request/"
    assert client.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
        client.post(url)  # asking twice sends nothing more
    assert sorted(m.to[0] for m in mail.outbox) == sorted([office.email, second.email])
    assert other_office.email not in {m.to[0] for m in mail.outbox}
    assert "/en/billing/staff/invoices/" in mail.outbox[0].body
    page = client.get(_review(group, order)).content.decode()
    assert 'data-testid="invoice-requested"' in page

    client.force_login(office)
    staff_page = client.get("/en/billing/staff/invoices/").content.decode()
    assert group.organisation.legal_name in staff_page and rep.email in staff_page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/billing/staff/organisations/{group.organisation_id}/invoicing/",
            {"invoice_eligible": "on"},
        )
    assert response.status_code == 302
    profile = BillingProfile.objects.get(organisation=group.organisation)
    assert profile.invoice_eligible and profile.invoice_requested_at is None
    assert [m.to for m in mail.outbox] == [[rep.email]]
    assert f"/billing/groups/{group.pk}/orders/{order.pk}/review/" in mail.outbox[0].body

    client.force_login(rep)
    page = client.get(_review(group, order)).content.decode()
    assert "Invoice (net 30)" in page and "Ask the office" not in page
    client.post(_review(group, order), {"method": "invoice", "terms": "on"})
    assert Order.objects.get(pk=order.pk).state == Order.State.INVOICED
    assert LicenceCode.objects.filter(group=group).count() == 5
    # Already eligible: asking again is refused with a message.
    response = client.post(url, follow=True)
    assert b"may already pay by invoice" in response.content


def test_invoice_billing_declined(client, office, django_capture_on_commit_callbacks):
    group = company(eligible=False)
    rep = representative(group)
    order = draft_order(group, rep)
    client.force_login(rep)
    client.post(f"/en/billing/groups/{group.pk}/orders/{order.pk}/invoice-request/")
    client.force_login(office)
    decline = f"/en/billing/staff/organisations/{group.organisation_id}/invoicing/"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decline, {"decision": "decline"})
    profile = BillingProfile.objects.get(organisation=group.organisation)
    assert not profile.invoice_eligible and profile.invoice_requested_at is None
    assert [m.to for m in mail.outbox] == [[rep.email]]
    assert "n’a pas inscrit" in mail.outbox[0].body  # the buyer reads French
    # Nothing waits any more: declining again is refused.
    response = client.post(decline, {"decision": "decline"}, follow=True)
    assert b"No request for invoice billing is waiting." in response.content


def test_only_buyers_may_ask(client):
    group = company(eligible=False)
    rep = representative(group)
    order = draft_order(group, rep)
    coordinator = UserFactory()
    make_member(coordinator, group, ["licensing.codes"])
    client.force_login(coordinator)
    url = f"/en/billing/groups/{group.pk}/orders/{order.pk}/invoice-request/"
    assert client.post(url).status_code == 403
    assert BillingProfile.objects.filter(invoice_requested_at__isnull=False).count() == 0
