"""Shared set-up for billing and licensing tests: reference data (re-loaded, because
transactional tests flush the tables the data migrations filled), a company with its
representative, and helpers to buy and to move an application along."""

import datetime
import hashlib
import hmac
import json
import time
from importlib import import_module

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from billing import services as billing
from billing.models import BillingAddress, BillingProfile, Product
from licensing import services
from licensing.models import Application, LicenceCode
from licensing.queries import certifications
from portal.models import Review
from portal.services.reviews import review_decide
from tests.factories import GroupFactory, UserFactory, make_member

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
WEBHOOK_SECRET = "whsec_test_secret"  # noqa: S105


def reference_data() -> None:
    import_module("billing.migrations.0002_tax_rates").load(apps, None)
    import_module("licensing.migrations.0002_certifications_and_product").load(apps, None)


def product() -> Product:
    return Product.objects.get(code="licensing-licence")


def company(name="Mines Boréales inc.", province="QC", eligible=True, **org):
    group = GroupFactory(
        organisation__legal_name=name, organisation__province=province, service="licensing", **org
    )
    BillingProfile.objects.create(
        organisation=group.organisation, service="licensing", invoice_eligible=eligible
    )
    return group


def representative(group, email=None, roles=("manager",)):
    user = UserFactory(**({"email": email} if email else {}))
    make_member(user, group, list(roles))
    return user


def address(group, province="QC") -> BillingAddress:
    cities = {
        "QC": ("Québec", "G1R 4S9"),
        "ON": ("Toronto", "M5V 2T6"),
        "NT": ("Yellowknife", "X1A 2R3"),
    }
    city, postal = cities.get(province, ("Ville", "A1A 1A1"))
    return BillingAddress.objects.create(
        group=group,
        name="Comptabilité",
        street_address="1 rue Principale",
        city=city,
        province=province,
        postal_code=postal,
    )


def draft_order(group, buyer, quantity=5, province="QC", **kwargs):
    billing.cart_set(group=group, product=product(), quantity=quantity, actor=buyer)
    return billing.order_create_from_cart(
        group=group, buyer=buyer, address=address(group, province), **kwargs
    )


def buy_by_invoice(group, buyer, quantity=5, province="QC", **kwargs):
    order = draft_order(group, buyer, quantity, province, **kwargs)
    return billing.order_place_invoice(order=order, actor=buyer)


def document(name="experience.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def employee(**kwargs):
    user = UserFactory(**kwargs)
    services.intro_course_complete(user=user)
    return user


def apply(user, code: str = "", certification=None) -> Application:
    return services.application_submit(
        applicant=user,
        certification=certification or certifications().first(),
        documents=[document(), document("id.pdf")],
        code=code,
    )


def office():
    return UserFactory(staff_role="certification_office")


def decide(application, decision="approve", note="", staff=None) -> Application:
    review = Review.objects.get(
        kind=services.APPLICATION_REVIEW, subject_id=application.pk, state="open"
    )
    review_decide(review=review, actor=staff or office(), decision=decision, note=note)
    application.refresh_from_db()
    return application


def approved(user=None, code="") -> Application:
    return decide(apply(user or employee(), code))


def unused_code(group) -> LicenceCode:
    code = LicenceCode.objects.filter(group=group, state="unused").order_by("pk").first()
    assert code is not None
    return code


def shift_window(application, days_from_today: int) -> None:
    Application.objects.filter(pk=application.pk).update(
        window_closes_on=timezone.localdate() + datetime.timedelta(days=days_from_today)
    )
    application.refresh_from_db()


# --- Stripe, as its API answers and as it signs webhooks -------------------------------------


def stripe_session_payload(session_id="cs_test_a1", amount=28744, url=None, **extra) -> dict:
    return {
        "id": session_id,
        "object": "checkout.session",
        "amount_subtotal": amount,
        "amount_total": amount,
        "client_reference_id": extra.pop("client_reference_id", None),
        "currency": "cad",
        "customer_email": "rep@example.org",
        "expires_at": int(time.time()) + 86400,
        "livemode": False,
        "metadata": extra.pop("metadata", {}),
        "mode": "payment",
        "payment_intent": extra.pop("payment_intent", None),
        "payment_method_types": ["card"],
        "payment_status": extra.pop("payment_status", "unpaid"),
        "status": extra.pop("status", "open"),
        "success_url": "http://testserver/",
        "cancel_url": "http://testserver/",
        "url": url
        or f"https://checkout.stripe.com/c/pay/{session_id}#fidkdWxOYHwnPyd1blpxYHZxWjA0",
        **extra,
    }


def stripe_event(order, event_type="checkout.session.completed", event_id="evt_1", **session):
    payload = stripe_session_payload(
        session_id=order.stripe_session_id,
        amount=order.total_cents,
        client_reference_id=str(order.pk),
        metadata={"order_id": str(order.pk)},
        payment_status=session.pop("payment_status", "paid"),
        status=session.pop("status", "complete"),
        payment_intent="pi_3Test",
        **session,
    )
    return {
        "id": event_id,
        "object": "event",
        "api_version": "2025-06-30.basil",
        "created": int(time.time()),
        "data": {"object": payload},
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": event_type,
    }


def sign(payload: bytes, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """The Stripe-Signature header exactly as Stripe builds it."""
    timestamp = timestamp or int(time.time())
    signed = f"{timestamp}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def post_event(client, event: dict, secret: str = WEBHOOK_SECRET):
    body = json.dumps(event).encode()
    return client.post(
        "/fr/billing/stripe/webhook/",
        data=body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=sign(body, secret),
    )
