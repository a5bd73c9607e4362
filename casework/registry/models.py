"""Summer Jobs Service casework: providers and service points (S1), the shared client
registry (S2, S7), participant registration (S3), the shared employer registry (S4) and the
access log of full-file views.

A service provider is a core Organisation (kind "service provider") with a Group of service
"casework"; what only casework needs (the seat count) lives in `Provider`, one-to-one with
the Group. Clients and employers are shared by every provider: they are not tenant rows;
`ClientProvider` records which provider groups serve or served a client (full-file access).
"""

import datetime

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from casework import names
from portal.models import Group, PrivateFile
from portal.models.base import TimeStampedModel

SERVICE = "casework"


class Provider(TimeStampedModel):
    """A service-provider group of the casework service, created by the ministry (S1, S9)."""

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="casework_provider")
    # Licensed concurrent users (S9); the seats check itself belongs to accounts.
    seats = models.PositiveIntegerField(_("seats"), default=5)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("service provider")
        verbose_name_plural = _("service providers")

    def __str__(self) -> str:
        return str(self.group.organisation)


class ServicePoint(TimeStampedModel):
    """An Employment Ontario service point (site) of a provider; any member of the provider
    may use any of its service points (S1)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="service_points")
    eo_id = models.CharField(_("EO service point id"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=150)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    active = models.BooleanField(pgettext_lazy("service point", "active"), default=True)

    class Meta:
        verbose_name = _("service point")
        verbose_name_plural = _("service points")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.eo_id})"


class IncomeSource(models.TextChoices):
    NO_INCOME = "no_income", _("No income / student")
    EMPLOYMENT = "employment", _("Employment")
    SELF_EMPLOYMENT = "self_employment", _("Self-employment")
    EMPLOYMENT_INSURANCE = "ei", _("Employment Insurance")
    ONTARIO_WORKS = "ow", _("Ontario Works")
    ODSP = "odsp", _("Ontario Disability Support Program")
    DEPENDENT = "dependent", _("Dependent of someone on social assistance")
    CROWN_WARD = "crown_ward", _("Crown ward")
    OTHER = "other", _("Other")


class Client(TimeStampedModel):
    """A person of the shared registry (S2). No social insurance number: an SJS plan never
    needs one (S3, Q23)."""

    class Language(models.TextChoices):
        EN = "en", _("English")
        FR = "fr", _("French")

    first_name = models.CharField(_("first name"), max_length=100)
    middle_name = models.CharField(_("middle name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100)
    birth_date = models.DateField(_("birth date"))
    language = models.CharField(
        _("preferred language"), max_length=2, choices=Language, default=Language.EN
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    # Search keys, computed from the names on save (casework.names).
    name_key = models.CharField(max_length=210, editable=False)
    sound_key = models.CharField(max_length=100, editable=False)
    phone_key = models.CharField(max_length=20, editable=False, blank=True)
    # Income source (S3, Q7): mandatory before a plan; blank until the form's page is saved.
    income_source = models.CharField(
        _("income source"), max_length=20, choices=IncomeSource, blank=True
    )
    # Age is shown, never enforced (S7, Q20): the worker confirms it.
    age_verified_at = models.DateTimeField(_("age verified on"), null=True, blank=True)
    age_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by_group = models.ForeignKey(
        Group, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A merged record stays (its history points to it) and leads to the kept one.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )

    # Where the client has an active SJS plan ("provider, service point"), set by the views
    # from registry.active_plans_for() (one query for a whole list); not a column.
    active_plan: str | None = None

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        constraints = [
            # An exact duplicate (same normalised name and birth date) is refused (S2).
            models.UniqueConstraint(
                fields=["name_key", "birth_date"],
                condition=Q(merged_into__isnull=True),
                name="client_exact_duplicate",
            ),
        ]
        indexes = [
            # client_search / client_near_duplicates: typo-tolerant name search.
            GinIndex(fields=["name_key"], opclasses=["gin_trgm_ops"], name="client_name_trgm"),
            # client_search / client_near_duplicates: same birth date, then names compared.
            models.Index(fields=["birth_date"], name="client_birth_date"),
            # client_search: same sound key (phonetic).
            models.Index(fields=["sound_key"], name="client_sound_key"),
            # client_search by phone and e-mail.
            models.Index(fields=["phone_key"], name="client_phone"),
            models.Index(fields=["email"], name="client_email"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.name_key = names.person_name_key(self.first_name, self.last_name)
        self.sound_key = names.sound_key(f"{self.first_name} {self.last_name}")
        self.phone_key = names.phone_key(self.phone)
        self.email = (self.email or "").strip().lower()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "name_key",
                "sound_key",
                "phone_key",
                "email",
            }
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.middle_name, self.last_name) if p)

    def age_on(self, day: datetime.date | None = None) -> int:
        day = day or timezone.localdate()
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday

    @property
    def age(self) -> int:
        return self.age_on()


class ClientProvider(models.Model):
    """A provider group that serves or served the client: it may read the full file.
    Written when a provider registers or picks the client, and when a plan opens."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="providers")
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="casework_clients")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "group"], name="client_provider_unique"),
        ]
        indexes = [
            # A provider's clients, newest first.
            models.Index(fields=["group", "-created_at"], name="clientprovider_group_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.client_id} served by {self.group_id}"


class EducationEntry(TimeStampedModel):
    """An entry of the profile's education (S2, Q17)."""

    class Level(models.TextChoices):
        SECONDARY = "secondary", _("Secondary school")
        COLLEGE = "college", _("College")
        UNIVERSITY = "university", _("University")
        APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
        OTHER = "other", pgettext_lazy("education level", "Other")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="education")
    level = models.CharField(_("level"), max_length=20, choices=Level)
    institution = models.CharField(_("institution"), max_length=200)
    program = models.CharField(_("program"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    completed = models.BooleanField(_("completed"), default=False)

    class Meta:
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="education_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} — {self.institution}"


class EmploymentEntry(TimeStampedModel):
    """An entry of the profile's employment history (S2, Q17)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="employment")
    employer_name = models.CharField(_("employer"), max_length=200)
    position = models.CharField(_("position"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"), null=True, blank=True)

    class Meta:
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="employment_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position} — {self.employer_name}"


class NoticeVersion(models.Model):
    """A version of the ministry's notice of collection (S3, Q10), shown in full to the
    client before consent. Old versions stay: each consent points to the one it was given on."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    effective_from = models.DateField(_("in effect from"))
    purpose_en = models.TextField()
    purpose_fr = models.TextField()
    parties_en = models.TextField()
    parties_fr = models.TextField()
    authority_en = models.TextField()
    authority_fr = models.TextField()
    contact_en = models.TextField()
    contact_fr = models.TextField()

    class Meta:
        verbose_name = _("notice of collection")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"v{self.version}"

    def section(self, name: str, language: str) -> str:
        return getattr(self, f"{name}_{'fr' if language.startswith('fr') else 'en'}")


class Consent(TimeStampedModel):
    """The client's consent, explained and signed in the worker's presence (S3, Q9, Q10).
    Withdrawal is recorded on the row; the row is never deleted."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="consents")
    notice = models.ForeignKey(NoticeVersion, on_delete=models.PROTECT, related_name="consents")
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="+")
    signed_on = models.DateField(_("signed on"))
    explained_in_presence = models.BooleanField(default=False)
    signed_file = models.ForeignKey(PrivateFile, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawal_note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["-signed_on", "-pk"]
        constraints = [
            # Consent is recorded only once explained and signed in presence (Q9).
            models.CheckConstraint(
                condition=Q(explained_in_presence=True), name="consent_explained_in_presence"
            ),
        ]

    def __str__(self) -> str:
        return f"consent of {self.client_id} on {self.signed_on}"

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class DuplicateSuspicion(TimeStampedModel):
    """A pair of clients a worker declared "a different person" despite the likeness, or that
    the ministry should look at; the ministry marks them distinct or merges them (S2)."""

    class Status(models.TextChoices):
        OPEN = "open", _("To review")
        DISTINCT = "distinct", _("Different people")
        MERGED = "merged", _("Merged")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    similar_to = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=500)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_group = models.ForeignKey(
        Group, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "similar_to"], name="duplicate_pair_unique"),
            models.CheckConstraint(
                condition=~Q(client=F("similar_to")), name="duplicate_pair_two_people"
            ),
        ]
        indexes = [
            # The ministry's queue: open pairs, oldest first.
            models.Index(fields=["status", "created_at"], name="duplicate_status_created"),
        ]

    def __str__(self) -> str:
        return f"{self.client_id} ~ {self.similar_to_id} ({self.status})"


class ClientAccess(models.Model):
    """A visit to a client's full file: who, from which organisation, when (first and last
    view) and how many pages. One row per person, client, organisation and hour, so the pages
    of a registration make one line (issue 17, item 11); the unique indexes decide."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    staff_role = models.CharField(max_length=30, blank=True)
    at = models.DateTimeField(default=timezone.now)
    last_at = models.DateTimeField(default=timezone.now)
    views = models.PositiveIntegerField(default=1)
    # The hour the visit started in (UTC): the visit's key.
    hour = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["client", "user", "group", "hour"],
                condition=Q(group__isnull=False),
                name="clientaccess_one_per_hour",
            ),
            # The ministry's views (no provider group).
            models.UniqueConstraint(
                fields=["client", "user", "hour"],
                condition=Q(group__isnull=True),
                name="clientaccess_ministry_one_per_hour",
            ),
        ]
        indexes = [
            # The client's history: its views, newest first.
            models.Index(fields=["client", "-at"], name="clientaccess_client_recent"),
            # The ministry's access log, newest first.
            models.Index(fields=["-at"], name="clientaccess_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} viewed {self.client_id} at {self.at}"


class Employer(TimeStampedModel):
    """An employer of the shared registry (S4): registered once, found by search first."""

    legal_name = models.CharField(_("legal name"), max_length=200)
    operating_name = models.CharField(_("operating name"), max_length=200, blank=True)
    business_number = models.CharField(
        _("business number"),
        max_length=20,
        help_text=_("The CRA business number (9 digits, optionally with its program account)."),
    )
    # Normalised business number: the uniqueness key (S4, Q11).
    business_number_key = models.CharField(max_length=20, unique=True, editable=False)
    name_key = models.CharField(max_length=410, editable=False)
    contact_name = models.CharField(_("contact name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by_group = models.ForeignKey(
        Group, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        indexes = [
            # employer_search / employer_close_names: typo-tolerant name search.
            GinIndex(fields=["name_key"], opclasses=["gin_trgm_ops"], name="employer_name_trgm"),
        ]

    def __str__(self) -> str:
        return self.operating_name or self.legal_name

    def save(self, *args, **kwargs):
        self.business_number_key = names.business_number_key(self.business_number)
        self.name_key = names.normalise(f"{self.legal_name} {self.operating_name}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "business_number_key", "name_key"}
        super().save(*args, **kwargs)


class EmployerYearForm(TimeStampedModel):
    """The SJS employer form of one year, signed by the employer (S4, Q8, Q11)."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="year_forms")
    year = models.PositiveSmallIntegerField(_("year"))
    # The form's new fields.
    sector = models.CharField(_("sector"), max_length=100)
    employees = models.PositiveIntegerField(_("number of employees"))
    positions_offered = models.PositiveSmallIntegerField(_("summer positions offered"))
    wsib_covered = models.BooleanField(_("covered by WSIB or private workplace insurance"))
    signer_name = models.CharField(_("signed by"), max_length=150)
    signer_title = models.CharField(_("signer's title"), max_length=150)
    signed_on = models.DateField(_("signed on"))
    signed_file = models.ForeignKey(PrivateFile, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    group = models.ForeignKey(Group, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("SJS employer form")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["employer", "year"], name="employer_form_one_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.employer_id} {self.year}"
