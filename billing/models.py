"""Billing (reusable by every service): products and prices, promo codes, taxes by province,
carts per group, orders, invoices and Stripe events. Money is integer cents, CAD."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from portal.lib.canada import Province
from portal.models import Group, Organisation, TimeStampedModel


class Product(TimeStampedModel):
    """Something a group can buy. `hook` names the fulfilment function an app registered
    (billing.hooks.register_fulfilment); `service` says which service's groups may buy it."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    service = models.CharField(_("service"), max_length=20)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    unit_price_cents = models.PositiveIntegerField(_("unit price (cents)"))
    min_quantity = models.PositiveIntegerField(_("minimum quantity"), default=1)
    max_quantity = models.PositiveIntegerField(_("maximum quantity"), default=1)
    hook = models.CharField(_("fulfilment"), max_length=60)
    active = models.BooleanField(_("for sale"), default=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_quantity__gte=1) & Q(max_quantity__gte=models.F("min_quantity")),
                name="product_quantity_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_fr if translation.get_language() == "fr" else self.name_en


class TaxRate(models.Model):
    """Sales tax of a province or territory, in thousandths of a per cent (5000 = 5 %,
    9975 = 9.975 %). HST provinces have
    `hst` only; Quebec has GST + QST; the territories and AB have GST only."""

    province = models.CharField(_("province"), max_length=2, choices=Province, unique=True)
    gst_mp = models.PositiveIntegerField(_("GST (thousandths of a per cent)"), default=0)
    hst_mp = models.PositiveIntegerField(_("HST (thousandths of a per cent)"), default=0)
    pst_mp = models.PositiveIntegerField(_("QST/PST (thousandths of a per cent)"), default=0)

    class Meta:
        verbose_name = _("tax rate")
        verbose_name_plural = _("tax rates")

    def __str__(self) -> str:
        return self.province


class PromoCode(TimeStampedModel):
    code = models.CharField(_("code"), max_length=40, unique=True)
    percent_off = models.PositiveSmallIntegerField(_("percentage off"), null=True, blank=True)
    amount_off_cents = models.PositiveIntegerField(_("amount off (cents)"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    max_uses = models.PositiveIntegerField(_("usage limit"), null=True, blank=True)
    used_count = models.PositiveIntegerField(_("times used"), default=0)

    class Meta:
        verbose_name = _("promo code")
        verbose_name_plural = _("promo codes")
        constraints = [
            # Exactly one kind of discount.
            models.CheckConstraint(
                condition=(Q(percent_off__isnull=False) & Q(amount_off_cents__isnull=True))
                | (Q(percent_off__isnull=True) & Q(amount_off_cents__isnull=False)),
                name="promocode_one_discount",
            ),
            models.CheckConstraint(
                condition=Q(percent_off__isnull=True) | Q(percent_off__lte=100),
                name="promocode_percent_max_100",
            ),
            models.CheckConstraint(
                condition=Q(max_uses__isnull=True) | Q(used_count__lte=models.F("max_uses")),
                name="promocode_within_limit",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class BillingProfile(TimeStampedModel):
    """Billing settings of an organisation in one service, kept by that service's office
    staff: may its groups pay by invoice."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="billing_profiles"
    )
    service = models.CharField(_("service"), max_length=20)
    invoice_eligible = models.BooleanField(_("may pay by invoice (net 30)"), default=False)
    # A request for invoice billing, waiting for the office (cleared when it decides).
    invoice_requested_at = models.DateTimeField(
        _("invoice billing requested"), null=True, blank=True
    )
    invoice_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invoice_request_order = models.ForeignKey(
        "Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("billing profile")
        verbose_name_plural = _("billing profiles")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "service"], name="billingprofile_one_per_service"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.service})"


class BillingAddress(TimeStampedModel):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="billing_addresses")
    name = models.CharField(_("name on the invoice"), max_length=200)
    street_address = models.CharField(_("street address"), max_length=200)
    city = models.CharField(_("city"), max_length=100)
    province = models.CharField(_("province"), max_length=2, choices=Province)
    postal_code = models.CharField(_("postal code"), max_length=10)

    class Meta:
        verbose_name = _("billing address")
        verbose_name_plural = _("billing addresses")
        indexes = [
            # The checkout's address choices: a group's addresses.
            models.Index(fields=["group"], name="billingaddress_group"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.street_address}, {self.city} {self.province} {self.postal_code}"


class CartLine(TimeStampedModel):
    """The group's cart: one line per product, or, for a product priced per case (the job
    board's targeted send), one line per `reference` with its own fixed unit price."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="cart_lines")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField(_("quantity"))
    # What the line is for, in the selling app's words ("targeted-send:12"); copied to the
    # order line so the fulfilment hook knows which case was paid.
    reference = models.CharField(max_length=60, blank=True, default="")
    unit_price_cents_override = models.PositiveIntegerField(null=True, blank=True)
    description = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["group", "product", "reference"], name="cartline_one_per_product"
            )
        ]

    @property
    def unit_price_cents(self) -> int:
        if self.unit_price_cents_override is not None:
            return self.unit_price_cents_override
        return self.product.unit_price_cents

    @property
    def total_cents(self) -> int:
        return self.quantity * self.unit_price_cents

    @property
    def label(self) -> str:
        return self.description or self.product.name


class Order(TimeStampedModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("Being reviewed")
        AWAITING_PAYMENT = "awaiting_payment", _("Awaiting card payment")
        INVOICED = "invoiced", _("Invoiced (net 30)")
        PAID = "paid", _("Paid")
        CANCELLED = "cancelled", _("Cancelled")

    class Method(models.TextChoices):
        CARD = "card", _("Credit or debit card")
        INVOICE = "invoice", _("Invoice (net 30)")
        TEST = "test", _("Test payment (development only: no money is taken)")

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="orders")
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders"
    )
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.DRAFT)
    method = models.CharField(_("payment method"), max_length=10, choices=Method, blank=True)
    language = models.CharField(max_length=5, default="fr")
    # The billing address as it was when ordered (addresses may change later).
    bill_name = models.CharField(_("name on the invoice"), max_length=200)
    bill_street = models.CharField(_("street address"), max_length=200)
    bill_city = models.CharField(_("city"), max_length=100)
    bill_province = models.CharField(_("province"), max_length=2, choices=Province)
    bill_postal_code = models.CharField(_("postal code"), max_length=10)
    po_number = models.CharField(_("purchase order number"), max_length=60, blank=True)
    invoice_note = models.CharField(_("note on the invoice"), max_length=300, blank=True)
    promo = models.ForeignKey(PromoCode, null=True, blank=True, on_delete=models.PROTECT)
    subtotal_cents = models.PositiveIntegerField(default=0)
    discount_cents = models.PositiveIntegerField(default=0)
    gst_cents = models.PositiveIntegerField(default=0)
    hst_cents = models.PositiveIntegerField(default=0)
    pst_cents = models.PositiveIntegerField(default=0)
    total_cents = models.PositiveIntegerField(default=0)
    terms_accepted_at = models.DateTimeField(null=True, blank=True)
    placed_at = models.DateTimeField(_("ordered"), null=True, blank=True)
    paid_at = models.DateTimeField(pgettext_lazy("date of payment", "paid"), null=True, blank=True)
    fulfilled_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    due_on = models.DateField(_("payment due"), null=True, blank=True)
    stripe_session_id = models.CharField(max_length=255, blank=True)
    stripe_payment_intent = models.CharField(max_length=255, blank=True)
    invoice_year = models.PositiveSmallIntegerField(null=True, blank=True)
    invoice_seq = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("purchase", "order")
        verbose_name_plural = _("orders")
        constraints = [
            models.UniqueConstraint(
                fields=["invoice_year", "invoice_seq"], name="order_invoice_number_unique"
            ),
            models.UniqueConstraint(
                fields=["stripe_session_id"],
                condition=~Q(stripe_session_id=""),
                name="order_stripe_session_unique",
            ),
        ]
        indexes = [
            # Transaction history: a group's orders, newest first.
            models.Index(fields=["group", "-created_at"], name="order_group_created"),
            # Staff list of invoices waiting for payment.
            models.Index(fields=["state", "due_on"], name="order_state_due"),
        ]

    def __str__(self) -> str:
        return self.invoice_number or f"#{self.pk}"

    @property
    def invoice_number(self) -> str:
        if self.invoice_seq is None:
            return ""
        return f"{self.invoice_year}-{self.invoice_seq:05d}"

    @property
    def taxes(self) -> list[tuple[str, int]]:
        """The labelled tax lines (only those that apply), in the active language."""
        lines = []
        if self.gst_cents:
            lines.append((gettext("GST"), self.gst_cents))
        if self.hst_cents:
            lines.append((gettext("HST"), self.hst_cents))
        if self.pst_cents:
            label = gettext("QST") if self.bill_province == "QC" else gettext("PST")
            lines.append((label, self.pst_cents))
        return lines


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    description = models.CharField(max_length=200)
    quantity = models.PositiveIntegerField()
    unit_price_cents = models.PositiveIntegerField()
    total_cents = models.PositiveIntegerField()
    fulfilled_at = models.DateTimeField(null=True, blank=True)
    # The cart line's reference (a case priced on its own, e.g. "targeted-send:12").
    reference = models.CharField(max_length=60, blank=True, default="")

    def __str__(self) -> str:
        return f"{self.quantity} × {self.description}"


class InvoiceCounter(models.Model):
    """The last invoice number given in a year; locked while the next is taken (no gaps)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class StripeEvent(models.Model):
    """Every Stripe event received, by id: a delivered-again event is recognised and skipped."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.event_id


class CreditBalance(models.Model):
    """A group's unused credits of one type (job board: postings, featured, extension).
    The CHECK makes a negative balance impossible whatever the code does."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="credit_balances")
    kind = models.CharField(_("credit type"), max_length=40)
    balance = models.IntegerField(_("balance"), default=0)

    class Meta:
        verbose_name = _("credit balance")
        verbose_name_plural = _("credit balances")
        constraints = [
            models.UniqueConstraint(fields=["group", "kind"], name="creditbalance_one_per_kind"),
            models.CheckConstraint(condition=Q(balance__gte=0), name="creditbalance_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.group_id} {self.kind}: {self.balance}"


class CreditEntry(models.Model):
    """One movement of a group's credits (the ledger): the balance is their sum."""

    class Reason(models.TextChoices):
        PURCHASE = "purchase", _("Purchase")
        APPLY = "apply", _("Applied to a posting")
        RETURN = "return", _("Returned to the bank")
        ADJUST = "adjust", _("Adjustment by staff")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="credit_entries")
    kind = models.CharField(_("credit type"), max_length=40)
    delta = models.IntegerField(_("change"))
    reason = models.CharField(_("reason"), max_length=10, choices=Reason)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    order_line = models.ForeignKey(
        OrderLine, null=True, blank=True, on_delete=models.PROTECT, related_name="credit_entries"
    )
    # What the credit was used on (a job posting id), kept as a plain id: billing does not
    # depend on the apps that spend credits.
    posting_id = models.PositiveBigIntegerField(null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("credit movement")
        verbose_name_plural = _("credit movements")
        indexes = [
            # "My packages": a group's ledger, newest first.
            models.Index(fields=["group", "-created_at"], name="creditentry_group_created"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.delta:+d}"
