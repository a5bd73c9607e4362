"""Signed Stripe events of the wrong shape (issue 18): acknowledged and ignored, or refused
with 400; never a 500 (Stripe would retry a malformed event for days)."""

import json

import pytest
from django.test import Client

from billing.models import Order, StripeEvent
from tests.licensing.helpers import WEBHOOK_SECRET, company, draft_order, representative, sign

URL = "/fr/billing/stripe/webhook/"


@pytest.fixture
def stripe_keys(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_51Fake"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET


def _post(body: bytes):
    client = Client(raise_request_exception=False)
    return client.post(
        URL, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(body)
    )


def _event(**fields) -> dict:
    event: dict[str, object] = {
        "id": "evt_bad",
        "object": "event",
        "type": "checkout.session.completed",
    }
    event["data"] = {"object": {"id": "cs_test_x", "object": "checkout.session"}}
    event.update(fields)
    return {k: v for k, v in event.items() if v is not ...}


SHAPES = {
    "array body": [{"id": "evt_1", "type": "checkout.session.completed"}],
    "a bare string": "checkout.session.completed",
    "a number": 42,
    "no type": _event(type=...),
    "type not a string": _event(type=["checkout.session.completed"]),
    "no data": _event(data=...),
    "data not an object": _event(data=[1, 2]),
    "no data.object": _event(data={}),
    "data.object a list": _event(data={"object": []}),
    "session without an id": _event(data={"object": {"object": "checkout.session"}}),
    "session id not a string": _event(data={"object": {"id": {"$ne": ""}}}),
    "no id": _event(id=...),
    "id not a string": _event(id=12),
    "NUL in the id": _event(id="evt_\x00"),
    "NUL in the payload": _event(data={"object": {"id": "cs_\x00", "note": "\x00"}}),
}


@pytest.mark.django_db
@pytest.mark.parametrize("shape", SHAPES, ids=list(SHAPES))
def test_a_signed_event_of_the_wrong_shape_never_raises(stripe_keys, shape):
    response = _post(json.dumps(SHAPES[shape]).encode())
    assert response.status_code in {200, 400}, response.content[:300]


@pytest.mark.django_db
def test_a_signed_array_is_refused_and_nothing_is_stored(stripe_keys):
    response = _post(b'[{"id": "evt_1", "type": "checkout.session.completed"}]')
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


@pytest.mark.django_db
def test_an_event_without_data_does_not_touch_the_order(stripe_keys):
    group = company(eligible=False)
    order = draft_order(group, representative(group))
    Order.objects.filter(pk=order.pk).update(
        state=Order.State.AWAITING_PAYMENT, stripe_session_id="cs_test_x"
    )
    assert _post(json.dumps(_event(data=...)).encode()).status_code == 400
    order.refresh_from_db()
    assert order.state == Order.State.AWAITING_PAYMENT


@pytest.mark.django_db
def test_an_unsigned_array_is_refused_as_before(stripe_keys):
    response = Client().post(URL, data=b"[]", content_type="application/json")
    assert response.status_code == 400
