"""Every write of billing: cart, orders, payment, fulfilment, invoices, staff decisions.
One transaction each; rows that two requests could change together are locked."""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from billing.errors import BillingError
from billing.hooks import get_fulfilment, get_shop
from billing.models import (
    BillingAddress,
    BillingProfile,
    CartLine,
    InvoiceCounter,
    Order,
    OrderLine,
    Product,
    PromoCode,
    StripeEvent,
)
from billing.taxes import compute_taxes
from portal.lib.transitions import Workflow
from portal.models import Group, Membership
from portal.notify import notify
from portal.services.audit import audit_record

log = logging.getLogger("billing")

NET_DAYS = 30

# Allowed order transitions (the order's state machine).
TRANSITIONS: dict[str, set[str]] = {
    Order.State.DRAFT: {Order.State.AWAITING_PAYMENT, Order.State.INVOICED, Order.State.CANCELLED},
    Order.State.AWAITING_PAYMENT: {Order.State.PAID, Order.State.CANCELLED, Order.State.DRAFT},
    Order.State.INVOICED: {Order.State.PAID},
    Order.State.PAID: set(),
    # A card payment can still succeed after its session was cancelled (events out of order).
    Order.State.CANCELLED: {Order.State.PAID},
}


ORDER = Workflow(
    "order", TRANSITIONS, error=lambda: BillingError(_("This order cannot change that way now."))
)


# --- Cart --------------------------------------------------------------------------------


def check_quantity(product: Product, quantity: int) -> None:
    if not product.min_quantity <= quantity <= product.max_quantity:
        raise BillingError(
            _("Choose between %(min)s and %(max)s for “%(product)s”.")
            % {"min": product.min_quantity, "max": product.max_quantity, "product": product.name}
        )


def cart_set(*, group: Group, product: Product, quantity: int, actor) -> CartLine:
    """Put `quantity` of `product` in the group's cart (replacing the line's quantity)."""
    if not product.active or product.service != group.service:
        raise BillingError(_("This product is not for sale here."))
    check_quantity(product, quantity)
    line, _created = CartLine.objects.update_or_create(
        group=group, product=product, reference="", defaults={"quantity": quantity}
    )
    return line


def cart_add_case(
    *, group: Group, product: Product, reference: str, unit_price_cents: int, description: str
) -> CartLine:
    """Put one case priced on its own (the selling app fixed the price) in the cart, once:
    adding the same reference again keeps the existing line."""
    if not product.active or product.service != group.service or not reference:
        raise BillingError(_("This product is not for sale here."))
    line, _created = CartLine.objects.get_or_create(
        group=group,
        product=product,
        reference=reference,
        defaults={
            "quantity": 1,
            "unit_price_cents_override": unit_price_cents,
            "description": description[:200],
        },
    )
    return line


def cart_remove(*, group: Group, line_id: int) -> None:
    CartLine.objects.filter(group=group, pk=line_id).delete()


def address_create(*, group: Group, **fields) -> BillingAddress:
    return BillingAddress.objects.create(group=group, **fields)


# --- Orders -------------------------------------------------------------------------------


def promo_find(code: str, today: datetime.date | None = None) -> PromoCode:
    today = today or timezone.localdate()
    promo = PromoCode.objects.filter(code__iexact=code.strip()).first()
    if promo is None:
        raise BillingError(_("This promo code does not exist."))
    if (promo.valid_from and today < promo.valid_from) or (
        promo.valid_until and today > promo.valid_until
    ):
        raise BillingError(_("This promo code is not valid today."))
    if promo.max_uses is not None and promo.used_count >= promo.max_uses:
        raise BillingError(_("This promo code has been used up."))
    return promo


def _discount(promo: PromoCode | None, subtotal: int) -> int:
    if promo is None:
        return 0
    if promo.percent_off is not None:
        return (subtotal * promo.percent_off + 50) // 100
    return min(promo.amount_off_cents or 0, subtotal)


def _price(order: Order) -> None:
    subtotal = sum(line.total_cents for line in order.lines.all())
    order.subtotal_cents = subtotal
    order.discount_cents = _discount(order.promo, subtotal)
    taxes = compute_taxes(subtotal - order.discount_cents, order.bill_province)
    order.gst_cents, order.hst_cents, order.pst_cents = taxes.gst, taxes.hst, taxes.pst
    order.total_cents = subtotal - order.discount_cents + taxes.total


@transaction.atomic
def order_create_from_cart(
    *,
    group: Group,
    buyer,
    address: BillingAddress,
    po_number: str = "",
    invoice_note: str = "",
    promo_code: str = "",
) -> Order:
    """A draft order from the group's cart, priced, for the buyer to review."""
    if address.group_id != group.pk:
        raise BillingError(_("Choose one of this group's billing addresses."))
    lines = list(CartLine.objects.filter(group=group).select_related("product"))
    if not lines:
        raise BillingError(_("The cart is empty."))
    promo = promo_find(promo_code) if promo_code.strip() else None
    order = Order.objects.create(
        group=group,
        buyer=buyer,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        bill_name=address.name,
        bill_street=address.street_address,
        bill_city=address.city,
        bill_province=address.province,
        bill_postal_code=address.postal_code,
        po_number=po_number.strip(),
        invoice_note=invoice_note.strip(),
        promo=promo,
    )
    for cart_line in lines:
        check_quantity(cart_line.product, cart_line.quantity)
        OrderLine.objects.create(
            order=order,
            product=cart_line.product,
            description=cart_line.label,
            quantity=cart_line.quantity,
            unit_price_cents=cart_line.unit_price_cents,
            total_cents=cart_line.total_cents,
            reference=cart_line.reference,
        )
    _price(order)
    order.save()
    audit_record(actor=buyer, subject=order, verb="order.created", to_state=order.state)
    return order


def invoice_allowed(group: Group) -> bool:
    return BillingProfile.objects.filter(
        organisation_id=group.organisation_id, service=group.service, invoice_eligible=True
    ).exists()


def _claim_promo(order: Order) -> None:
    """Count one use of the order's promo code, unless the limit is reached (one UPDATE)."""
    if order.promo_id is None:
        return
    today = timezone.localdate()
    claimed = (
        PromoCode.objects.filter(pk=order.promo_id)
        .filter(Q(max_uses__isnull=True) | Q(used_count__lt=F("max_uses")))
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .update(used_count=F("used_count") + 1)
    )
    if not claimed:
        raise BillingError(_("This promo code has been used up or is no longer valid."))


def _release_promo(order: Order) -> None:
    if order.promo_id is not None:
        PromoCode.objects.filter(pk=order.promo_id, used_count__gt=0).update(
            used_count=F("used_count") - 1
        )


def _assign_invoice_number(order: Order) -> None:
    """The next number of the year, without gaps: the counter row is locked until commit."""
    if order.invoice_seq is not None:
        return
    year = timezone.localdate().year
    InvoiceCounter.objects.get_or_create(year=year)
    counter = InvoiceCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    order.invoice_year, order.invoice_seq = year, counter.last


def _locked_draft(order: Order, actor) -> Order:
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.state != Order.State.DRAFT:
        raise BillingError(_("This order has already been placed."))
    return order


def _clear_cart(order: Order) -> None:
    q = Q(pk__in=[])
    for product_id, reference in order.lines.values_list("product_id", "reference"):
        q |= Q(product_id=product_id, reference=reference)
    CartLine.objects.filter(q, group_id=order.group_id).delete()


@transaction.atomic
def order_place_invoice(*, order: Order, actor) -> Order:
    """Pay by invoice (net 30), for organisations staff marked eligible: the invoice is
    issued and the order delivered now; staff mark it paid when the payment arrives."""
    order = _locked_draft(order, actor)
    if not invoice_allowed(order.group):
        raise BillingError(_("Your organisation is not set up for invoice billing."))
    _claim_promo(order)
    now = timezone.now()
    order.method = Order.Method.INVOICE
    order.terms_accepted_at = order.placed_at = now
    order.due_on = timezone.localdate() + datetime.timedelta(days=NET_DAYS)
    _assign_invoice_number(order)
    ORDER.move(order, Order.State.INVOICED, actor=actor)
    order.save()
    _clear_cart(order)
    _fulfil(order, actor)
    _send_invoice(order)
    return order


def stripe_enabled() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def order_start_card_payment(*, order: Order, actor, success_url: str, cancel_url: str) -> str:
    """Create the Stripe Checkout session (an HTTP call, outside any transaction), then
    record it on the order; returns the URL to send the buyer to."""
    import stripe

    if not stripe_enabled():
        raise BillingError(_("Card payment is not available at the moment."))
    if order.state != Order.State.DRAFT:
        raise BillingError(_("This order has already been placed."))
    with translation.override(order.language):
        name = str(_("Order %(number)s") % {"number": order.pk})
    try:
        session = stripe.checkout.Session.create(
            api_key=settings.STRIPE_SECRET_KEY,
            mode="payment",
            payment_method_types=["card"],
            client_reference_id=str(order.pk),
            metadata={"order_id": str(order.pk)},
            customer_email=actor.email,
            locale="fr" if order.language == "fr" else "en",
            line_items=[
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": "cad",
                        "unit_amount": order.total_cents,
                        "product_data": {"name": name},
                    },
                }
            ],
            success_url=success_url,
            cancel_url=cancel_url,
        )
    except stripe.StripeError as error:
        log.warning("stripe session failed order=%s: %s", order.pk, type(error).__name__)
        raise BillingError(
            _("The payment service did not answer. Try again in a moment.")
        ) from error
    with transaction.atomic():
        order = _locked_draft(order, actor)
        _claim_promo(order)
        order.method = Order.Method.CARD
        order.terms_accepted_at = order.placed_at = timezone.now()
        order.stripe_session_id = session["id"]
        ORDER.move(
            order, Order.State.AWAITING_PAYMENT, actor=actor, data={"session": session["id"]}
        )
        order.save()
        _clear_cart(order)
    return str(session["url"])


def _order_paid(order: Order, actor, **data) -> None:
    """The payment is in (Stripe's webhook, or a test payment): invoice number, paid,
    delivered, invoice e-mailed. The order row is locked by the caller."""
    order.paid_at = timezone.now()
    _assign_invoice_number(order)
    ORDER.move(order, Order.State.PAID, actor=actor, data=data)
    order.save()
    _fulfil(order, actor)
    _send_invoice(order)


def test_payments_enabled() -> bool:
    """Development only (DEBUG or BILLING_TEST_PAYMENTS); `check --deploy` refuses the
    setting (billing.E001)."""
    return bool(settings.DEBUG or settings.BILLING_TEST_PAYMENTS)


@transaction.atomic
def order_pay_test(*, order: Order, actor) -> Order:
    """A test payment: no money moves, but the order goes through the same states and the
    same fulfilment as a card payment confirmed by Stripe's webhook."""
    if not test_payments_enabled():
        raise BillingError(_("Test payments are not available on this site."))
    order = _locked_draft(order, actor)
    _claim_promo(order)
    order.method = Order.Method.TEST
    order.terms_accepted_at = order.placed_at = timezone.now()
    ORDER.move(order, Order.State.AWAITING_PAYMENT, actor=actor, data={"test": True})
    order.save()
    _clear_cart(order)
    _order_paid(order, actor, test=True)
    return order


@transaction.atomic
def order_cancel(*, order: Order, actor) -> Order:
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.state == Order.State.AWAITING_PAYMENT:
        _release_promo(order)
    ORDER.move(order, Order.State.CANCELLED, actor=actor)
    order.save(update_fields=["state", "updated_at"])
    return order


@transaction.atomic
def order_mark_paid(*, order: Order, actor) -> Order:
    """Staff record the payment of an invoice."""
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.state != Order.State.INVOICED:
        raise BillingError(_("Only an invoice waiting for payment can be marked paid."))
    order.paid_at = timezone.now()
    ORDER.move(order, Order.State.PAID, actor=actor)
    order.save(update_fields=["state", "paid_at", "updated_at"])
    return order


def _locked_profile(organisation, service: str) -> BillingProfile:
    BillingProfile.objects.get_or_create(organisation=organisation, service=service)
    return (
        BillingProfile.objects.select_for_update(of=("self",))
        .select_related("invoice_requested_by", "invoice_request_order")
        .get(organisation=organisation, service=service)
    )


def _answer_request(profile: BillingProfile, granted: bool) -> None:
    """Tell the person who asked for invoice billing, and close the request."""
    if profile.invoice_requested_at is None:
        return
    requester, order = profile.invoice_requested_by, profile.invoice_request_order
    if requester is not None:
        template = "billing_invoice_granted" if granted else "billing_invoice_declined"
        notify(
            requester,
            template,
            {"organisation": profile.organisation, "order": order, "shop": _shop_of(profile)},
        )
    profile.invoice_requested_at = None
    profile.invoice_requested_by = None
    profile.invoice_request_order = None


def _shop_of(profile: BillingProfile):
    return get_shop(profile.service)


@transaction.atomic
def billing_profile_set(
    *, organisation, service: str, invoice_eligible: bool, actor
) -> BillingProfile:
    """The office allows (or stops) invoice billing; a waiting request is answered."""
    profile = _locked_profile(organisation, service)
    changed = profile.invoice_eligible != invoice_eligible
    if changed:
        profile.invoice_eligible = invoice_eligible
        audit_record(
            actor=actor,
            subject=organisation,
            verb="billing.invoice_eligible" if invoice_eligible else "billing.invoice_ineligible",
            data={"service": service},
        )
    if invoice_eligible:
        _answer_request(profile, granted=True)
    profile.save()
    return profile


@transaction.atomic
def invoice_billing_request(*, group: Group, actor, order: Order | None = None) -> BillingProfile:
    """A buyer asks the service's office for invoice billing (net 30). The office's staff
    are e-mailed once; asking again while the request waits changes nothing."""
    profile = _locked_profile(group.organisation, group.service)
    if profile.invoice_eligible:
        raise BillingError(_("Your organisation may already pay by invoice."))
    if profile.invoice_requested_at is not None:
        return profile
    profile.invoice_requested_at = timezone.now()
    profile.invoice_requested_by = actor
    profile.invoice_request_order = order
    profile.save()
    audit_record(
        actor=actor,
        subject=group.organisation,
        verb="billing.invoice_requested",
        data={"service": group.service, "group": group.pk},
    )
    for staff in _office_staff(group.service):
        notify(
            staff,
            "billing_invoice_requested",
            {"organisation": group.organisation, "group": group, "requester": actor},
        )
    return profile


@transaction.atomic
def invoice_billing_decline(*, organisation, service: str, actor) -> BillingProfile:
    """The office says no to a waiting request; the buyer is told by e-mail."""
    profile = _locked_profile(organisation, service)
    if profile.invoice_requested_at is None:
        raise BillingError(_("No request for invoice billing is waiting."))
    audit_record(
        actor=actor,
        subject=organisation,
        verb="billing.invoice_declined",
        data={"service": service},
    )
    _answer_request(profile, granted=False)
    profile.save()
    return profile


def _office_staff(service_key: str):
    from accounts.models import User
    from portal.service_registry import services

    roles = [s.staff_role for s in services() if s.key == service_key and s.staff_role]
    # The office may be a person's first office (staff_role) or another one they hold.
    holds = Q(staff_role__in=roles) | Q(staff_offices__has_any_keys=roles)
    return User.objects.filter(holds, is_active=True).order_by("pk")


# --- Fulfilment -----------------------------------------------------------------------------


def _fulfil(order: Order, actor) -> None:
    """Run each line's hook once. Called with the order row locked, inside its transaction:
    a replayed event finds the lines already fulfilled and does nothing."""
    if order.fulfilled_at is not None:
        return
    now = timezone.now()
    for line in order.lines.select_related("product").filter(fulfilled_at__isnull=True):
        get_fulfilment(line.product.hook)(line=line)
        line.fulfilled_at = now
        line.save(update_fields=["fulfilled_at"])
    order.fulfilled_at = now
    Order.objects.filter(pk=order.pk).update(fulfilled_at=now)
    audit_record(actor=actor, subject=order, verb="order.fulfilled")


def _send_invoice(order: Order) -> None:
    """The invoice to the buyer and a copy to the group's finance role, if it has one."""
    shop = get_shop(order.group.service)
    attachments = [_invoice_attachment(order)]
    notify(
        order.buyer,
        "billing_invoice",
        {"order": order, "group": order.group},
        attachments=attachments,
    )
    if shop and shop.invoice_copy_alert:
        _send_invoice_copies(order, shop, attachments)
        return
    recipients = {order.buyer_id: order.buyer}
    if shop and shop.finance_role:
        for membership in Membership.objects.filter(
            group_id=order.group_id,
            status=Membership.Status.ACTIVE,
            roles__contains=[shop.finance_role],
        ).select_related("user"):
            recipients[membership.user_id] = membership.user
    for user in recipients.values():
        if user.pk != order.buyer_id:
            notify(
                user,
                "billing_invoice",
                {"order": order, "group": order.group},
                attachments=attachments,
            )


def _invoice_attachment(order: Order) -> tuple[str, bytes, str]:
    """The invoice PDF (in the order's language), rendered once for every recipient."""
    from billing.invoices import invoice_pdf

    with translation.override(order.language):
        name = _("invoice-%(number)s.pdf") % {"number": order.pk}
    return (name, invoice_pdf(order), "application/pdf")


def _send_invoice_copies(order: Order, shop, attachments) -> None:
    """A copy to each active member holding the shop's copy permission who opted in."""
    from django.contrib.auth import get_user_model

    from portal.models import GroupUserPermission

    holders = GroupUserPermission.objects.filter(
        content_object_id=order.group_id, permission__codename=shop.invoice_copy_permission
    ).values("user_id")
    members = Membership.objects.filter(
        group_id=order.group_id, status=Membership.Status.ACTIVE
    ).values("user_id")
    users = get_user_model().objects.filter(pk__in=holders).filter(pk__in=members)
    for user in users.exclude(pk=order.buyer_id):
        notify(
            user,
            "billing_invoice",
            {"order": order, "group": order.group},
            alert=shop.invoice_copy_alert,
            attachments=attachments,
        )


# --- Stripe events ------------------------------------------------------------------------


class StripeEventOutcome:
    DUPLICATE = "duplicate"
    HANDLED = "handled"
    IGNORED = "ignored"


def stripe_event_handle(event: dict) -> str:
    """Store the event by id and act on it, once, in one transaction with the order row
    locked. A second delivery (even at the same instant) hits the unique id and stops."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                stored = StripeEvent.objects.create(
                    event_id=event["id"], type=event["type"], payload=event
                )
        except IntegrityError:
            return StripeEventOutcome.DUPLICATE
        outcome = _stripe_event_apply(event)
        stored.processed_at = timezone.now()
        stored.save(update_fields=["processed_at"])
    return outcome


def _stripe_event_apply(event: dict) -> str:
    session = event["data"]["object"]
    if not event["type"].startswith("checkout.session."):
        return StripeEventOutcome.IGNORED
    order = (
        Order.objects.select_for_update()
        .select_related("group", "buyer")
        .filter(stripe_session_id=session["id"])
        .first()
    )
    if order is None:
        log.warning("stripe event %s for an unknown session", event["id"])
        return StripeEventOutcome.IGNORED
    kind = event["type"]
    paid = (
        kind
        in {
            "checkout.session.completed",
            "checkout.session.async_payment_succeeded",
        }
        and session.get("payment_status") == "paid"
    )
    if paid:
        if session.get("amount_total") != order.total_cents or session.get("currency") != "cad":
            log.error("stripe amount mismatch order=%s", order.pk)
            return StripeEventOutcome.IGNORED
        if order.state in {Order.State.AWAITING_PAYMENT, Order.State.CANCELLED}:
            if order.state == Order.State.CANCELLED:
                _claim_promo_anyway(order)
            order.stripe_payment_intent = session.get("payment_intent") or ""
            _order_paid(order, None, session=session["id"])
        return StripeEventOutcome.HANDLED
    if kind in {"checkout.session.expired", "checkout.session.async_payment_failed"}:
        # An expiry arriving after the payment (out of order) changes nothing.
        if order.state == Order.State.AWAITING_PAYMENT:
            _release_promo(order)
            ORDER.move(order, Order.State.CANCELLED, actor=None, data={"session": session["id"]})
            order.save(update_fields=["state", "updated_at"])
        return StripeEventOutcome.HANDLED
    return StripeEventOutcome.IGNORED


def _claim_promo_anyway(order: Order) -> None:
    # The customer paid the discounted price: count the use even past the limit's race.
    if order.promo_id is not None:
        PromoCode.objects.filter(pk=order.promo_id).filter(
            Q(max_uses__isnull=True) | Q(used_count__lt=F("max_uses"))
        ).update(used_count=F("used_count") + 1)
