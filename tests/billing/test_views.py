"""Billing pages: transaction history and invoices by role, the staff's invoice page, and
fixed query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from billing.models import BillingProfile, Order
from tests.factories import UserFactory, make_member
from tests.licensing.helpers import buy_by_invoice, company, draft_order, representative

pytestmark = pytest.mark.django_db


def test_history_and_invoice_download_by_role(client):
    group = company()
    rep = representative(group)
    order = buy_by_invoice(group, rep, po_number="PO-9")
    finance, coordinator = UserFactory(), UserFactory()
    make_member(finance, group, ["licensing.finance"])
    make_member(coordinator, group, ["licensing.codes"])
    for user, expected in ((rep, 200), (finance, 200), (coordinator, 403), (UserFactory(), 404)):
        client.force_login(user)
        assert client.get(f"/en/billing/groups/{group.pk}/transactions/").status_code == expected
        response = client.get(f"/en/billing/groups/{group.pk}/orders/{order.pk}/invoice.pdf")
        assert response.status_code == expected
        if expected == 200:
            assert response["Content-Type"] == "application/pdf"
            assert response["Content-Disposition"].startswith("attachment;")
    client.force_login(rep)
    page = client.get(f"/en/billing/groups/{group.pk}/transactions/").content.decode()
    assert order.invoice_number in page and "5 × Mine supervisor certification licence" in page


def test_a_draft_has_no_invoice_and_is_not_a_transaction(client):
    group = company()
    rep = representative(group)
    draft = draft_order(group, rep)
    client.force_login(rep)
    assert (
        client.get(f"/en/billing/groups/{group.pk}/orders/{draft.pk}/invoice.pdf").status_code
        == 404
    )
    assert (
        b"No transactions yet."
        in client.get(f"/en/billing/groups/{group.pk}/transactions/").content
    )


def test_cart_line_removal_and_wrong_method(client):
    group = company()
    rep = representative(group)
    from billing.services import cart_set
    from tests.licensing.helpers import product

    line = cart_set(group=group, product=product(), quantity=5, actor=rep)
    client.force_login(rep)
    assert client.get(f"/en/billing/groups/{group.pk}/cart/{line.pk}/remove/").status_code == 405
    client.post(f"/en/billing/groups/{group.pk}/cart/{line.pk}/remove/")
    assert b"The cart is empty." in client.get(f"/en/billing/groups/{group.pk}/checkout/").content


def test_no_payment_method_without_stripe_or_invoice_eligibility(client, settings):
    settings.STRIPE_SECRET_KEY = ""
    group = company(eligible=False)
    rep = representative(group)
    order = draft_order(group, rep)
    client.force_login(rep)
    page = client.get(f"/en/billing/groups/{group.pk}/orders/{order.pk}/review/")
    assert b"Card payment is not available at the moment" in page.content
    # What a new company can do: ask the office, whose contact is shown.
    assert b"Ask the office for invoice billing" in page.content
    assert b"MiningCertification@wsc.nt.ca" in page.content
    assert b'name="method"' not in page.content


def test_staff_mark_paid_and_set_invoice_eligibility(client):
    group = company(eligible=False)
    rep = representative(group)
    BillingProfile.objects.filter(organisation=group.organisation).update(invoice_eligible=True)
    order = buy_by_invoice(group, rep)
    staff = UserFactory(staff_role="certification_office")
    client.force_login(staff)
    page = client.get("/en/billing/staff/invoices/")
    assert order.invoice_number.encode() in page.content
    client.post(f"/en/billing/staff/orders/{order.pk}/paid/")
    order.refresh_from_db()
    assert order.state == Order.State.PAID
    client.post(f"/en/billing/staff/organisations/{group.organisation_id}/invoicing/", {})
    assert not BillingProfile.objects.get(organisation=group.organisation).invoice_eligible
    client.post(
        f"/en/billing/staff/organisations/{group.organisation_id}/invoicing/",
        {"invoice_eligible": "on"},
    )
    assert BillingProfile.objects.get(organisation=group.organisation).invoice_eligible
    client.force_login(UserFactory(staff_role="regulator"))
    assert client.post(f"/en/billing/staff/orders/{order.pk}/paid/").status_code == 404


@pytest.mark.parametrize("page", ["history", "staff"])
def test_lists_keep_their_query_count(client, page):
    group = company()
    rep = representative(group)
    staff = UserFactory(staff_role="certification_office")
    user, url = (
        (rep, f"/en/billing/groups/{group.pk}/transactions/")
        if page == "history"
        else (staff, "/en/billing/staff/invoices/")
    )
    client.force_login(user)
    buy_by_invoice(group, rep)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for index in range(49):
        other = company(f"Société {index}") if page == "staff" else group
        buy_by_invoice(other, rep if other is group else representative(other))
    # Seeding can outlast a minute: this request records the session's "last seen" (a write
    # made at most once a minute), so the measured one runs only the page's statements.
    client.get(url)
    with CaptureQueriesContext(connection) as fifty:
        assert client.get(url).status_code == 200
    assert len(one) == len(fifty)


def test_the_buyer_cancels_an_order_waiting_for_card_payment(client, settings):
    import responses

    from billing import services
    from tests.licensing.helpers import stripe_session_payload

    settings.STRIPE_SECRET_KEY = "sk_test_51Fake"
    group = company(eligible=False)
    rep = representative(group)
    order = draft_order(group, rep)
    with responses.RequestsMock() as api:
        api.add(
            responses.POST,
            "https://api.stripe.com/v1/checkout/sessions",
            json=stripe_session_payload("cs_test_c3", order.total_cents),
        )
        services.order_start_card_payment(order=order, actor=rep, success_url="x", cancel_url="y")
    client.force_login(rep)
    url = f"/en/billing/groups/{group.pk}/orders/{order.pk}/cancel/"
    assert client.get(url).status_code == 405
    client.post(url)
    order.refresh_from_db()
    assert order.state == Order.State.CANCELLED
    response = client.post(url, follow=True)  # a second cancel is refused with a message
    assert b"cannot change that way" in response.content


def test_the_csp_lets_forms_go_to_stripe_checkout_only(client):
    group = company()
    rep = representative(group)
    client.force_login(rep)
    response = client.get(f"/en/billing/groups/{group.pk}/checkout/")
    policy = response.headers.get("Content-Security-Policy", "")
    form_action = next(part for part in policy.split(";") if "form-action" in part)
    assert form_action.split()[1:] == ["'self'", "https://checkout.stripe.com"]


def test_the_dashboard_links_participants_to_licensing(client):
    group = company()
    rep = representative(group)
    client.force_login(rep)
    assert b'href="/en/licensing/"' in client.get("/en/dashboard/").content


def test_staff_page_shows_names_as_text(client):
    group = company(name="<b>Acme</b> & Fils")
    rep = representative(group)
    order = buy_by_invoice(group, rep)
    requested = company(name="Mines <i>Nord</i>", eligible=False)
    asker = representative(requested)
    BillingProfile.objects.filter(organisation=requested.organisation).update(
        invoice_requested_at=order.created_at, invoice_requested_by=asker
    )
    client.force_login(UserFactory(staff_role="certification_office"))
    page = client.get("/en/billing/staff/invoices/").content.decode()
    assert "<b>Acme" not in page and "&lt;b&gt;Acme&lt;/b&gt; &amp; Fils" in page
    assert f"{order.invoice_number}</td>" in page and f"/staff/orders/{order.pk}/paid/" in page
    requests = page.split('data-testid="invoice-requests"')[1].split("</table>")[0]
    assert "Mines &lt;i&gt;Nord&lt;/i&gt;" in requests and f"&lt;{asker.email}&gt;" in requests
    assert f"/staff/organisations/{requested.organisation_id}/invoicing/" in requests
