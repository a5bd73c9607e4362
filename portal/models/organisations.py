import re

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from portal.lib.canada import Province
from portal.models.base import TimeStampedModel


def _logo_path(instance, filename: str) -> str:
    import uuid
    from pathlib import PurePath

    return f"logos/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Address(models.Model):
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    province = models.CharField(_("province"), max_length=2, choices=Province, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)

    class Meta:
        abstract = True


class Organisation(Address, TimeStampedModel):
    """A legal entity: company, municipality, First Nation, service provider… (C3)."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        MUNICIPALITY = "municipality", _("Municipality")
        FIRST_NATION = "first_nation", _("First Nation")
        SERVICE_PROVIDER = "service_provider", _("Service provider")
        CONTRACTOR = "contractor", _("Contractor firm")
        PUBLIC_BODY = "public_body", _("Public body")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        ACTIVE = "active", _("Active")
        REFUSED = "refused", _("Refused")
        SUSPENDED = "suspended", _("Suspended")

    kind = models.CharField(_("type"), max_length=20, choices=Kind, default=Kind.COMPANY)
    legal_name = models.CharField(_("legal name"), max_length=200)
    operating_name = models.CharField(_("operating name"), max_length=200, blank=True)
    registry_number = models.CharField(
        _("registry number"),
        max_length=30,
        blank=True,
        help_text=_("For a Quebec company, its enterprise number (NEQ, 10 digits)."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to=_logo_path, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    # Rows from imported registries may repeat a registry number; they are flagged, not hidden.
    imported = models.BooleanField(_("imported"), default=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            # A registry number is unique among organisations created here; imports may repeat.
            models.UniqueConstraint(
                fields=["registry_number"],
                condition=Q(imported=False) & ~Q(registry_number=""),
                name="organisation_registry_number_unique",
            ),
        ]
        indexes = [
            # organisation_search: lookup by registry number.
            models.Index(fields=["registry_number"], name="organisation_registry_number"),
            # organisation_search: trigram similarity on names.
            GinIndex(
                fields=["legal_name"], opclasses=["gin_trgm_ops"], name="organisation_legal_trgm"
            ),
            GinIndex(
                fields=["operating_name"],
                opclasses=["gin_trgm_ops"],
                name="organisation_operating_trgm",
            ),
        ]

    def __str__(self) -> str:
        return self.operating_name or self.legal_name


class Group(TimeStampedModel):
    """A unit inside an organisation; purchases, postings and credits belong to it (C4)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        ACTIVE = "active", _("Active")
        REFUSED = "refused", _("Refused")

    DEFAULT_NAME = "Group 001"

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="groups",
    )
    name = models.CharField(_("group name"), max_length=120, default=DEFAULT_NAME)
    service = models.CharField(
        _("service"), max_length=20, blank=True, help_text=_("The service this group works in.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to=_logo_path, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="group_name_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.display_name}"

    @property
    def display_name(self) -> str:
        """The name as shown: the default "Group 001" reads "Groupe 001" in French (the
        stored name stays as typed; only numbered default names are translated)."""
        return group_label(self.name)


def group_label(name: str) -> str:
    """A group name as shown in the active language: a numbered default name ("Group 002",
    the number is what is stored) reads "Groupe 002" in French; a typed name stays as typed."""
    match = re.fullmatch(r"Group (\d{3})", name)
    if match:
        return gettext("Group %(number)s") % {"number": match.group(1)}
    return name


class Membership(TimeStampedModel):
    """A user in a group, with a status and roles (C5). Roles are keys of portal.roles;
    the permissions they grant are kept as guardian object permissions on the group."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACTIVE = "active", _("Active")
        REFUSED = "refused", _("Refused")
        REMOVED = "removed", _("Removed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    status = models.CharField(_("status"), max_length=10, choices=Status)
    roles = ArrayField(models.CharField(max_length=60), default=list, blank=True)
    message = models.TextField(_("message to the managers"), blank=True)
    # A message the system composed (labels with the applicant's values): message key and
    # parameters (portal.system_text), read in the reader's language; `message` holds French.
    message_key = models.JSONField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            # One open request or active membership per user and group.
            models.UniqueConstraint(
                fields=["user", "group"],
                condition=Q(status__in=["requested", "active"]),
                name="membership_one_open_per_user_group",
            ),
        ]
        indexes = [
            # group_for_user and the member list: a group's memberships by status.
            models.Index(fields=["group", "status"], name="membership_group_status"),
            # The group switcher: a user's active memberships.
            models.Index(fields=["user", "status"], name="membership_user_status"),
        ]

    @property
    def display_message(self) -> str:
        from portal.system_text import render_system_text

        return render_system_text(self.message_key) if self.message_key else self.message

    def __str__(self) -> str:
        return f"{self.user} in {self.group} ({self.status})"


class GroupUserPermission(UserObjectPermissionBase):
    """guardian's per-object permission of a user on a group (direct foreign key)."""

    content_object = models.ForeignKey(Group, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("group permission of a user")


class GroupGroupPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Group, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("group permission of an auth group")
