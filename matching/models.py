"""Operator matching (M1–M9): operator profiles (one per person), owner profiles (one per
matching group of an organisation) with their facilities, availability, saved searches.

Regions and municipalities of Ontario are reference data (migration 0002)."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from portal.models import Group, TimeStampedModel


class Region(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_fr if translation.get_language() == "fr" else self.name_en


class Municipality(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="municipalities")
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="municipality_region_name")
        ]

    def __str__(self) -> str:
        return self.name


class Weekday(models.IntegerChoices):
    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")
    SATURDAY = 6, _("Saturday")
    SUNDAY = 7, _("Sunday")


class Shift(models.TextChoices):
    DAY = "day", _("Day")
    NIGHT = "night", _("Night")
    BOTH = "both", _("Day and night")


class ProfileState(models.TextChoices):
    DRAFT = "draft", _("Not submitted")
    SUBMITTED = "submitted", _("Pending verification")
    CHANGES_REQUESTED = "changes_requested", _("Information requested")
    ACTIVE = "active", _("Active")
    REFUSED = "refused", _("Refused")
    DEACTIVATED = "deactivated", _("Deactivated")


# States in which the user agreement is ticked and the profile is locked.
LOCKED_STATES = frozenset({ProfileState.SUBMITTED, ProfileState.ACTIVE})


class OperatorProfile(TimeStampedModel):
    """A certified operator: one per person (M1–M5)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="operator_profile"
    )
    operator_id = models.CharField(
        _("operator ID number"),
        max_length=8,
        blank=True,
        help_text=_("Eight digits, as on the public operator list."),
    )
    contact_phone = models.CharField(_("phone shown to owners"), max_length=30)
    contact_email = models.EmailField(_("e-mail shown to owners"))
    home_municipality = models.CharField(_("city or town"), max_length=120, blank=True)
    state = models.CharField(
        _("status"), max_length=20, choices=ProfileState, default=ProfileState.DRAFT
    )
    agreement_accepted_at = models.DateTimeField(_("agreement accepted"), null=True, blank=True)
    deactivation_reason = models.CharField(_("why deactivated"), max_length=200, blank=True)
    # Availability (M5).
    available = models.BooleanField(_("available for work"), default=False)
    available_since = models.DateTimeField(null=True, blank=True)
    days = ArrayField(models.PositiveSmallIntegerField(choices=Weekday), default=list, blank=True)
    shift = models.CharField(_("shifts"), max_length=5, choices=Shift, default=Shift.BOTH)
    regions = ArrayField(models.PositiveIntegerField(), default=list, blank=True)
    # Search pre-filter: ids of the credential classes held when the profile was verified.
    # Never narrower than the truth (credentials cannot change while active, the sweep only
    # removes eligibility); the search still checks each credential in the same query.
    credential_classes = ArrayField(models.PositiveIntegerField(), default=list, blank=True)

    class Meta:
        verbose_name = _("operator profile")
        verbose_name_plural = _("operator profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(operator_id="") | Q(operator_id__regex=r"^[0-9]{8}$"),
                name="operatorprofile_operator_id_8_digits",
            ),
        ]
        indexes = [
            # operator_search_page: newest available first, among searchable operators only.
            models.Index(
                fields=["-available_since", "id"],
                condition=Q(state="active", available=True),
                name="operator_searchable_recent",
            ),
            # operator_search: regions @> ARRAY[...], days @> ARRAY[...], classes @> / &&.
            GinIndex(fields=["regions"], name="operator_regions_gin"),
            GinIndex(fields=["days"], name="operator_days_gin"),
            GinIndex(fields=["credential_classes"], name="operator_classes_gin"),
        ]

    def __str__(self) -> str:
        return self.user.display_name

    @property
    def locked(self) -> bool:
        return self.state in LOCKED_STATES

    @property
    def days_display(self) -> str:
        """ "Monday, Tuesday" in the active language (a list shows it per row: no include)."""
        return ", ".join(str(Weekday(day).label) for day in self.days)

    def region_names(self, regions: dict) -> str:
        """The regions' names, given `matching.queries.regions_by_id()` (read once a page)."""
        return ", ".join(str(regions[pk].name) for pk in self.regions if pk in regions)


class OwnerProfile(TimeStampedModel):
    """A system owner: the matching group of an organisation (M6)."""

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="owner_profile")
    state = models.CharField(
        _("status"), max_length=20, choices=ProfileState, default=ProfileState.DRAFT
    )
    agreement_accepted_at = models.DateTimeField(_("agreement accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("owner profile")
        verbose_name_plural = _("owner profiles")

    def __str__(self) -> str:
        return str(self.group.organisation)

    @property
    def locked(self) -> bool:
        return self.state in LOCKED_STATES


class Facility(TimeStampedModel):
    owner = models.ForeignKey(OwnerProfile, on_delete=models.CASCADE, related_name="facilities")
    certificate_number = models.CharField(_("facility certificate number"), max_length=40)
    name = models.CharField(_("facility name"), max_length=200)
    regulated = models.BooleanField(
        _("regulated in Ontario"),
        default=True,
        help_text=_("Untick for a First Nation or federal-land facility outside provincial rules."),
    )

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "certificate_number"], name="facility_owner_number_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class SavedSearch(TimeStampedModel):
    """An owner's search, kept to run again and to be alerted of newly available operators."""

    owner = models.ForeignKey(OwnerProfile, on_delete=models.CASCADE, related_name="searches")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=120)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.CASCADE
    )
    credential_type = models.ForeignKey(
        "credentials.CredentialType",
        verbose_name=_("certificate type"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    credential_class = models.ForeignKey(
        "credentials.CredentialClass",
        verbose_name=_("class"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    days = ArrayField(models.PositiveSmallIntegerField(choices=Weekday), default=list, blank=True)
    shift = models.CharField(_("shifts"), max_length=5, choices=Shift, blank=True)
    alert = models.BooleanField(_("e-mail me when a new operator matches"), default=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def query_string(self) -> str:
        from django.http import QueryDict

        query = QueryDict(mutable=True)
        if self.region_id:
            query["region"] = str(self.region_id)
        if self.credential_type_id:
            query["credential_type"] = str(self.credential_type_id)
        if self.credential_class_id:
            query["credential_class"] = str(self.credential_class_id)
        query.setlist("days", [str(day) for day in self.days])
        if self.shift:
            query["shift"] = self.shift
        return query.urlencode()


class SavedSearchMatch(models.Model):
    """An operator already announced for a saved search: each is e-mailed once."""

    search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="matches")
    operator = models.ForeignKey(OperatorProfile, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["search", "operator"], name="savedsearchmatch_once")
        ]

    def __str__(self) -> str:
        return f"{self.search_id}:{self.operator_id}"
