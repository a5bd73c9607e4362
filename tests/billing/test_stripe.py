"""Stripe Checkout (J4, L2): only Stripe's HTTP API is replaced (payloads of the real shape);
webhooks are signed with a test secret exactly as Stripe signs them."""

import json
import time

import pytest
import responses
from django.test import Client

from billing import services
from billing.errors import BillingError
from billing.models import Order, PromoCode, StripeEvent
from licensing.models import LicenceCode
from tests.licensing.helpers import (
    WEBHOOK_SECRET,
    company,
    draft_order,
    post_event,
    representative,
    sign,
    stripe_event,
    stripe_session_payload,
)
from tests.utils import run_concurrently

SESSIONS = "https://api.stripe.com/v1/checkout/sessions"


@pytest.fixture
def stripe_keys(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_51Fake"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET


def _start(order, rep, session_id="cs_test_a1"):
    with responses.RequestsMock() as api:
        api.add(
            responses.POST, SESSIONS, json=stripe_session_payload(session_id, order.total_cents)
        )
        url = services.order_start_card_payment(
            order=order,
            actor=rep,
            success_url="http://testserver/ok",
            cancel_url="http://testserver/no",
        )
        sent = api.calls[0].request
    order.refresh_from_db()
    return url, sent


@pytest.mark.django_db
def test_checkout_session_is_created_with_the_orders_total(stripe_keys):
    group = company(eligible=False)
    rep = representative(group)
    order = draft_order(group, rep, 5, "QC")
    url, sent = _start(order, rep)
    assert url.startswith("https://checkout.stripe.com/")
    body = sent.body if isinstance(sent.body, str) else sent.body.decode()
    assert "line_items[0][price_data][unit_amount]=28744" in body
    assert "line_items[0][price_data][currency]=cad" in body
    assert f"client_reference_id={order.pk}" in body
    assert sent.headers["Authorization"] == "Bearer sk_test_51Fake"
    assert order.state == Order.State.AWAITING_PAYMENT and order.stripe_session_id == "cs_test_a1"
    assert not LicenceCode.objects.exists()  # nothing is delivered before Stripe says so


@pytest.mark.django_db
def test_a_stripe_failure_leaves_the_order_as_it_was(stripe_keys):
    group = company(eligible=False)
    rep = representative(group)
    order = draft_order(group, rep)
    with responses.RequestsMock() as api:
        api.add(
            responses.POST,
            SESSIONS,
            status=500,
            json={"error": {"message": "boom", "type": "api_error"}},
        )
        with pytest.raises(BillingError):
            services.order_start_card_payment(
                order=order, actor=rep, success_url="x", cancel_url="y"
            )
    order.refresh_from_db()
    assert order.state == Order.State.DRAFT


@pytest.mark.django_db
def test_without_keys_card_payment_is_refused(settings):
    settings.STRIPE_SECRET_KEY = ""
    group = company(eligible=False)
    rep = representative(group)
    with pytest.raises(BillingError):
        services.order_start_card_payment(
            order=draft_order(group, rep), actor=rep, success_url="x", cancel_url="y"
        )


@pytest.mark.django_db
def test_signed_completed_event_pays_and_delivers_once(client, stripe_keys):
    group = company(eligible=False)
    rep = representative(group)
    order = draft_order(group, rep)
    _start(order, rep)
    event = stripe_event(order)
    assert post_event(client, event).status_code == 200
    order.refresh_from_db()
    assert order.state == Order.State.PAID and order.invoice_number
    assert LicenceCode.objects.filter(group=group).count() == 5
    # Replayed (Stripe retries) and a second event for the same payment: nothing more.
    assert post_event(client, event).content == b"duplicate"
    post_event(client, stripe_event(order, "checkout.session.async_payment_succeeded", "evt_2"))
    assert LicenceCode.objects.filter(group=group).count() == 5
    assert StripeEvent.objects.count() == 2


@pytest.mark.django_db
def test_bad_signature_is_refused_and_nothing_is_stored(client, stripe_keys):
    group = company(eligible=False)
    rep = representative(group)
    order = draft_order(group, rep)
    _start(order, rep)
    assert post_event(client, stripe_event(order), secret="whsec_wrong").status_code == 400
    body = json.dumps(stripe_event(order)).encode()
    old = sign(body, timestamp=int(time.time()) - 3600)  # outside the 300 s tolerance
    response = client.post(
        "/fr/billing/stripe/webhook/",
        body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=old,
    )
    assert response.status_code == 400
    assert (
        client.post(
            "/fr/billing/stripe/webhook/", body, content_type="application/json"
        ).status_code
        == 400
    )
    assert not StripeEvent.objects.exists() and not LicenceCode.objects.exists()


@pytest.mark.django_db
def test_expiry_arriving_after_payment_changes_nothing(client, stripe_keys):
    group = company(eligible=False)
    rep = representative(group)
    order = draft_order(group, rep)
    _start(order, rep)
    post_event(client, stripe_event(order))
    post_event(
        client,
        stripe_event(
            order, "checkout.session.expired", "evt_9", payment_status="unpaid", status="expired"
        ),
    )
    order.refresh_from_db()
    assert order.state == Order.State.PAID


@pytest.mark.django_db
def test_expired_session_cancels_and_gives_the_promo_use_back(client, stripe_keys):
    group = company(eligible=False)
    rep = representative(group)
    PromoCode.objects.create(code="DIX", percent_off=10, max_uses=5)
    order = draft_order(group, rep, promo_code="DIX")
    _start(order, rep)
    assert PromoCode.objects.get().used_count == 1
    post_event(
        client,
        stripe_event(order, "checkout.session.expired", payment_status="unpaid", status="expired"),
    )
    order.refresh_from_db()
    assert order.state == Order.State.CANCELLED
    assert PromoCode.objects.get().used_count == 0
    # Payment confirmed after all (events out of order): the order is paid and delivered.
    post_event(client, stripe_event(order, event_id="evt_late"))
    order.refresh_from_db()
    assert order.state == Order.State.PAID and LicenceCode.objects.count() == 5


@pytest.mark.django_db
def test_an_amount_that_does_not_match_delivers_nothing(client, stripe_keys):
    group = company(eligible=False)
    rep = representative(group)
    order = draft_order(group, rep)
    _start(order, rep)
    event = stripe_event(order)
    event["data"]["object"]["amount_total"] = 100
    post_event(client, event)
    order.refresh_from_db()
    assert order.state == Order.State.AWAITING_PAYMENT and not LicenceCode.objects.exists()


@pytest.mark.django_db
def test_the_success_page_only_shows_state(client, stripe_keys):
    group = company(eligible=False)
    rep = representative(group)
    order = draft_order(group, rep)
    _start(order, rep)
    client.force_login(rep)
    response = client.get(f"/en/billing/groups/{group.pk}/orders/{order.pk}/")
    assert response.status_code == 200 and b"Awaiting card payment" in response.content
    order.refresh_from_db()
    assert order.state == Order.State.AWAITING_PAYMENT and not LicenceCode.objects.exists()


@pytest.mark.django_db
def test_the_review_page_redirects_to_stripe(client, stripe_keys):
    group = company(eligible=False)
    rep = representative(group)
    order = draft_order(group, rep)
    client.force_login(rep)
    url = f"/en/billing/groups/{group.pk}/orders/{order.pk}/review/"
    page = client.get(url)
    assert b"Credit or debit card" in page.content and b"Invoice (net 30)" not in page.content
    refused = client.post(url, {"method": "card"})
    assert refused.status_code == 200 and b"Accept the terms" in refused.content
    with responses.RequestsMock() as api:
        api.add(
            responses.POST, SESSIONS, json=stripe_session_payload("cs_test_b2", order.total_cents)
        )
        response = client.post(url, {"method": "card", "terms": "on"})
    assert response.status_code == 302
    assert response["Location"].startswith("https://checkout.stripe.com/c/pay/cs_test_b2")
    # Paying by invoice is refused to an organisation that is not eligible, even if posted.
    other = draft_order(group, rep)
    response = client.post(
        f"/en/billing/groups/{group.pk}/orders/{other.pk}/review/",
        {"method": "invoice", "terms": "on"},
    )
    assert response.status_code == 200
    other.refresh_from_db()
    assert other.state == Order.State.DRAFT


@pytest.mark.django_db(transaction=True)
def test_the_same_event_delivered_twice_at_once_delivers_five_codes_not_ten(settings):
    from tests.licensing.helpers import reference_data

    reference_data()
    settings.STRIPE_SECRET_KEY = "sk_test_51Fake"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    group = company(eligible=False)
    rep = representative(group)
    order = draft_order(group, rep)
    _start(order, rep)
    body = json.dumps(stripe_event(order)).encode()

    def deliver():
        response = Client().post(
            "/fr/billing/stripe/webhook/",
            body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=sign(body),
        )
        return response.status_code

    assert run_concurrently(deliver, deliver) == [200, 200]
    assert LicenceCode.objects.filter(group=group).count() == 5
    assert StripeEvent.objects.count() == 1
    order.refresh_from_db()
    assert order.state == Order.State.PAID
