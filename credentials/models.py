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
        WITHDRAWN = "withdrawn", _("Withdrawn")

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

    class Meta:
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")
        indexes = [
            # A holder's credentials (profile pages, eligibility).
            models.Index(fields=["holder", "status"], name="credential_holder_status"),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.number}".strip()
