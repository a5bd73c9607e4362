"""Contractor accounts (P1, P2), PIN attempts (P7) and permit applications (P6).

A contractor account is a core Organisation (kind "contractor") with its default Group
(service "permits"); what only permits needs lives here, one-to-one with the Group.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from permits import pins
from portal.lib.canada import Province
from portal.models import Group
from portal.models.base import TimeStampedModel

digits = RegexValidator(r"^\d+$", _("Digits only."))


class ContractorAccount(TimeStampedModel):
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="contractor_account")
    pin = models.CharField(_("PIN"), max_length=pins.LENGTH, unique=True)
    tarion_number = models.CharField(_("Tarion registration number"), max_length=30, blank=True)
    # Contact
    contact_name = models.CharField(_("contact name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30)
    # Mailing address
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    province = models.CharField(_("province"), max_length=2, choices=Province, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    # Banking information for pre-authorised debits: references only, never card numbers.
    account_holder = models.CharField(_("account holder"), max_length=150, blank=True)
    institution_number = models.CharField(
        _("institution number"), max_length=3, blank=True, validators=[digits]
    )
    transit_number = models.CharField(
        _("transit number"), max_length=5, blank=True, validators=[digits]
    )
    account_last4 = models.CharField(
        _("last four digits of the account"), max_length=4, blank=True, validators=[digits]
    )
    city_customer_number = models.CharField(_("city customer number"), max_length=20, blank=True)
    # Imported from the city's records (P5): the PIN was e-mailed once.
    imported = models.BooleanField(_("imported"), default=False)
    pin_notice_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("contractor account")
        verbose_name_plural = _("contractor accounts")
        constraints = [
            # The import's business key: one account per e-mail of the city's records, so a
            # second run finds the accounts of the first instead of creating them again.
            models.UniqueConstraint(
                fields=["email"], condition=Q(imported=True), name="contractor_imported_email"
            ),
        ]

    def __str__(self) -> str:
        return self.group.organisation.legal_name

    @property
    def pin_display(self) -> str:
        return pins.display(self.pin)

    @property
    def has_banking(self) -> bool:
        return bool(self.institution_number and self.transit_number and self.account_last4)


class RetiredPin(models.Model):
    """A PIN replaced by "Regenerate": it no longer links, is never handed out again, and
    tries with it are shown to the account's managers."""

    pin = models.CharField(max_length=pins.LENGTH, unique=True)
    account = models.ForeignKey(
        ContractorAccount, on_delete=models.CASCADE, related_name="retired_pins"
    )
    retired_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"retired PIN of {self.account_id}"  # never the PIN itself


class PinAttempt(models.Model):
    """A refused "Associate" (P7). `account` is set when the attempt can be attributed: a
    retired PIN of the account, or its right PIN refused by the throttle. The city sees all
    of them (admin); managers see their account's."""

    class Outcome(models.TextChoices):
        WRONG = "wrong", _("Unknown PIN")
        RETIRED = "retired", _("Old PIN (regenerated)")
        THROTTLED = "throttled", _("Too many tries")

    account = models.ForeignKey(
        ContractorAccount,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="pin_attempts",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    ip = models.GenericIPAddressField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            # "Give access": an account's latest failed attempts.
            models.Index(fields=["account", "-created_at"], name="pinattempt_account_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.outcome} by {self.user_id} from {self.ip}"


class Application(TimeStampedModel):
    """A permit application of a contractor account (P6)."""

    class Kind(models.TextChoices):
        BUILDING = "building", _("Building permit")
        DEMOLITION = "demolition", _("Demolition permit")
        POOL = "pool", _("Pool enclosure permit")
        SIGN = "sign", _("Sign permit")
        PLUMBING = "plumbing", _("Plumbing permit")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        ISSUED = "issued", _("Permit issued")
        REFUSED = "refused", pgettext_lazy("application", "Refused")
        CLOSED = "closed", _("Closed")

    account = models.ForeignKey(
        ContractorAccount, on_delete=models.CASCADE, related_name="applications"
    )
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind)
    site_address = models.CharField(_("site address"), max_length=200)
    description = models.TextField(_("description of the work"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.SUBMITTED)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported = models.BooleanField(_("imported"), default=False)

    class Meta:
        verbose_name = _("permit application")
        verbose_name_plural = _("permit applications")
        indexes = [
            # The account's applications, newest first.
            models.Index(fields=["account", "-created_at"], name="application_account_recent"),
        ]

    def __str__(self) -> str:
        return self.reference


class Fee(TimeStampedModel):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="fees")
    # A permit type key for the application fee (shown in the reader's language), or free text.
    label = models.CharField(_("fee"), max_length=150)
    amount_cents = models.PositiveIntegerField(_("amount (cents)"))

    class Meta:
        verbose_name = _("fee")

    def __str__(self) -> str:
        if self.label in Application.Kind.values:
            return str(Application.Kind(self.label).label)
        return self.label


class Payment(models.Model):
    """A fee paid once: the unique fee makes a second payment impossible."""

    fee = models.OneToOneField(Fee, on_delete=models.CASCADE, related_name="payment")
    amount_cents = models.PositiveIntegerField()
    # The saved banking reference it was drawn on (masked), never a card number.
    reference = models.CharField(max_length=60)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    paid_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"payment of fee {self.fee_id}"


class Inspection(TimeStampedModel):
    class Kind(models.TextChoices):
        FOOTING = "footing", _("Footings")
        FRAMING = "framing", _("Framing")
        PLUMBING = "plumbing", _("Plumbing")
        INSULATION = "insulation", _("Insulation")
        FINAL = "final", _("Final")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        DONE = "done", pgettext_lazy("inspection", "Done")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="inspections"
    )
    kind = models.CharField(_("inspection"), max_length=12, choices=Kind)
    wanted_on = models.DateField(_("preferred date"))
    notes = models.CharField(_("notes for the inspector"), max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )


class ApplicationTemplate(TimeStampedModel):
    """A reusable starting point for new applications (Manage templates)."""

    account = models.ForeignKey(
        ContractorAccount, on_delete=models.CASCADE, related_name="templates"
    )
    name = models.CharField(_("template name"), max_length=100)
    kind = models.CharField(_("type"), max_length=20, choices=Application.Kind)
    description = models.TextField(_("description of the work"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "name"], name="template_name_unique"),
        ]
