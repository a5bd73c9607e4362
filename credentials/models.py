"""Credentials: the kinds of certificates, licences and certifications (reference data,
editable by staff), and the credentials people hold or claim.

Shared by matching (water operators' certificates and licences, verified against the
official registry) and licensing (mine supervisor certifications earned through a course
and exam). Each module adds its own models beside these; these stay generic.
"""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.models import TimeStampedModel


class Bilingual(models.Model):
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_fr if translation.get_language() == "fr" else self.name_en


class CredentialType(Bilingual):
    """A kind of credential, e.g. drinking-water operator certificate, wastewater operating
    licence, underground shift boss certification."""

    class Family(models.TextChoices):
        WATER_OPERATOR = "water_operator", _("Water and wastewater operators")
        MINE_SUPERVISOR = "mine_supervisor", _("Mine supervisors")

    class Kind(models.TextChoices):
        CERTIFICATE = "certificate", _("Certificate")
        LICENCE = "licence", _("Licence")
        CERTIFICATION = "certification", _("Certification")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    family = models.CharField(_("family"), max_length=30, choices=Family)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    active = models.BooleanField(_("in use"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("credential type")
        verbose_name_plural = _("credential types")
        ordering = ["family", "order", "code"]


class CredentialClass(Bilingual):
    """A class or level within a type (Class I–IV, operator-in-training, limited subsystem…)."""

    type = models.ForeignKey(CredentialType, on_delete=models.CASCADE, related_name="classes")
    code = models.CharField(_("code"), max_length=20)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("credential class")
        verbose_name_plural = _("credential classes")
        ordering = ["type", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["type", "code"], name="credentialclass_type_code_unique"
            )
        ]


class Credential(TimeStampedModel):
    """A credential a person holds: claimed by them (to be verified) or issued here."""

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")
        NOT_FOUND = "not_found", _("Not found in the registry")
        CHANGED = "changed", _("Changed in the registry")
        WITHDRAWN = "withdrawn", pgettext_lazy("credential", "Withdrawn")

    class Source(models.TextChoices):
        CLAIMED = "claimed", _("Declared by the holder")
        ISSUED = "issued", _("Issued through the portal")

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="credentials"
    )
    type = models.ForeignKey(CredentialType, on_delete=models.PROTECT, related_name="+")
    credential_class = models.ForeignKey(
        CredentialClass, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("number"), max_length=40, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    expires_on = models.DateField(_("expiry date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.VALID)
    source = models.CharField(_("source"), max_length=10, choices=Source)
    # Verification against the official registry (matching: pre-check and sweep).
    registry_checked_at = models.DateTimeField(
        _("checked against the registry"), null=True, blank=True
    )
    registry_mismatches = models.JSONField(
        _("differences with the registry"), default=list, blank=True
    )

    class Meta:
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")
        indexes = [
            # A holder's credentials (profile pages, eligibility).
            models.Index(fields=["holder", "status"], name="credential_holder_status"),
            # Owner search: holders of a valid credential of a type and class.
            models.Index(
                fields=["type", "credential_class", "holder"],
                condition=models.Q(status="valid"),
                name="credential_valid_type_class",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.number}".strip()


# --- Credential verification against the official registry (matching, M4/M8) ---------------


class RegistryRecord(models.Model):
    """One row of the official public operator list, as last imported.

    Keyed by (type, number): a certificate or licence number is unique within its type."""

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        EXPIRED = "expired", _("Expired")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Revoked")

    operator_id = models.CharField(_("operator ID"), max_length=8)
    name = models.CharField(_("name"), max_length=200)
    number = models.CharField(_("certificate or licence number"), max_length=40)
    type = models.ForeignKey(
        CredentialType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="+"
    )
    credential_class = models.ForeignKey(
        CredentialClass, verbose_name=_("class"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status)
    expires_on = models.DateField(_("expiry date"))
    snapshot_date = models.DateField(_("snapshot date"))

    class Meta:
        verbose_name = _("registry record")
        verbose_name_plural = _("registry records")
        constraints = [
            models.UniqueConstraint(fields=["type", "number"], name="registryrecord_type_number"),
            models.CheckConstraint(
                condition=models.Q(operator_id__regex=r"^[0-9]{8}$"),
                name="registryrecord_operator_id_8_digits",
            ),
        ]
        indexes = [
            # Pre-check and staff panel: an operator's records by operator ID.
            models.Index(fields=["operator_id"], name="registryrecord_operator"),
        ]

    def __str__(self) -> str:
        return f"{self.operator_id} {self.number}"


class RegistryImport(models.Model):
    """One import of the public list: who, when, and what changed."""

    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    snapshot_date = models.DateField(_("snapshot date"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    added = models.PositiveIntegerField(_("added"), default=0)
    changed = models.PositiveIntegerField(_("changed"), default=0)
    removed = models.PositiveIntegerField(pgettext_lazy("registry entries", "removed"), default=0)

    class Meta:
        verbose_name = _("registry import")
        verbose_name_plural = _("registry imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.file_name}"
