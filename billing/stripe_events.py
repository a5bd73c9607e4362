"""Reading a Stripe webhook: the signature first, then the event's shape.

Stripe only sends JSON objects with an `id`, a `type` and a `data.object`; anything else,
even correctly signed, is refused (400) before it reaches the database, so a malformed event
never becomes a 500 that Stripe would retry for days."""

import json

import stripe


class BadEvent(Exception):
    """The body is not a signed Stripe event the portal can read (answered 400)."""


def _has_nul(value) -> bool:
    # PostgreSQL's jsonb and text columns refuse U+0000.
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def stripe_event_parse(body: bytes, signature: str, secret: str) -> dict:
    """The verified event as a dict, or BadEvent."""
    try:
        payload = body.decode("utf-8")
        stripe.WebhookSignature.verify_header(payload, signature, secret, tolerance=300)
        event = json.loads(payload)
    except (ValueError, stripe.SignatureVerificationError) as error:
        raise BadEvent("bad payload or signature") from error
    if not isinstance(event, dict):
        raise BadEvent("not a JSON object")
    data = event.get("data")
    if not (
        isinstance(event.get("id"), str)
        and event["id"]
        and isinstance(event.get("type"), str)
        and isinstance(data, dict)
        and isinstance(data.get("object"), dict)
    ):
        raise BadEvent("no id, type or data.object")
    if event["type"].startswith("checkout.session.") and not isinstance(
        data["object"].get("id"), str
    ):
        raise BadEvent("a checkout session without an id")
    if _has_nul(event):
        raise BadEvent("a NUL character")
    return event
