"""Job postings (J5, J6) and the reference lists they pick from (kept as data)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.models import Group, TimeStampedModel


class ReferenceItem(models.Model):
    """One entry of a list the wizard offers: function types, engineering fields, cities and
    regions of Quebec, interests. Regulator staff edit them in the admin."""

    class Kind(models.TextChoices):
        FUNCTION = "function", _("Function type")
        FIELD = "field", _("Engineering field")
        REGION = "region", _("Region of Quebec")
        CITY = "city", _("City of Quebec")
        INTEREST = "interest", _("Interest")

    kind = models.CharField(_("list"), max_length=10, choices=Kind)
    code = models.SlugField(_("code"), max_length=60)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("offered"), default=True)

    class Meta:
        verbose_name = _("reference list entry")
        verbose_name_plural = _("reference list entries")
        ordering = ["kind", "order", "name_fr"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="referenceitem_kind_code")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_fr


class Posting(TimeStampedModel):
    class State(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("jobboard status", "Draft")
        IN_VALIDATION = "in_validation", pgettext_lazy("jobboard status", "In validation")
        TO_REVISE = "to_revise", pgettext_lazy("jobboard status", "To revise")
        SCHEDULED = "scheduled", pgettext_lazy("jobboard status", "Scheduled")
        ACTIVE = "active", pgettext_lazy("jobboard status", "Active")
        EXPIRED = "expired", pgettext_lazy("jobboard status", "Expired")
        ARCHIVED = "archived", pgettext_lazy("jobboard status", "Archived")

    class Profile(models.TextChoices):
        ENGINEER = "engineer", _("Engineers (members of the Order)")
        CPI = "cpi", _("Engineering candidates (CPI)")

    class EmploymentType(models.TextChoices):
        PERMANENT = "permanent", _("Permanent")
        TEMPORARY = "temporary", _("Temporary")
        CONTRACT = "contract", _("Contract")
        INTERNSHIP = "internship", _("Internship")

    class PositionStatus(models.TextChoices):
        FULL_TIME = "full_time", _("Full time")
        PART_TIME = "part_time", _("Part time")

    class WorkMode(models.TextChoices):
        ON_SITE = "on_site", _("On site")
        HYBRID = "hybrid", _("Hybrid")
        REMOTE = "remote", _("Remote")

    class Years(models.TextChoices):
        ANY = "0", _("No minimum")
        ONE = "1-4", _("1 to 4 years")
        FIVE = "5-9", _("5 to 9 years")
        TEN = "10+", _("10 years or more")

    class Location(models.TextChoices):
        ADDRESS = "address", _("A full address in Quebec")
        PLACES = "places", _("Cities or regions of Quebec")
        OUTSIDE = "outside", _("Outside Quebec")

    class PublishMode(models.TextChoices):
        ON_APPROVAL = "on_approval", _("As soon as the Order approves it")
        ON_DATE = "on_date", _("On a given date")

    class ApplyMode(models.TextChoices):
        URL = "url", _("On our company's website")
        EMAIL = "email", _("By e-mail, through a form on the posting")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="postings")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(_("status"), max_length=15, choices=State, default=State.DRAFT)
    # The wizard's furthest step, for "resume creation".
    step = models.CharField(max_length=15, default="profile")
    profile = models.CharField(_("profile sought"), max_length=10, choices=Profile, blank=True)

    title_fr = models.CharField(_("title (French)"), max_length=150, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=150, blank=True)
    function_type = models.ForeignKey(
        ReferenceItem,
        verbose_name=_("function type"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    domains = models.ManyToManyField(
        ReferenceItem, verbose_name=_("engineering fields"), blank=True, related_name="+"
    )
    employment_type = models.CharField(
        _("employment type"), max_length=12, choices=EmploymentType, blank=True
    )
    position_status = models.CharField(
        _("position status"), max_length=12, choices=PositionStatus, blank=True
    )
    work_mode = models.CharField(_("work mode"), max_length=10, choices=WorkMode, blank=True)
    apply_deadline = models.DateField(_("application deadline"), null=True, blank=True)
    salary_note = models.CharField(_("salary"), max_length=50, blank=True)
    reference = models.CharField(_("internal reference"), max_length=60, blank=True)
    years_on_roll = models.CharField(
        _("years on the Order's roll"), max_length=5, choices=Years, blank=True
    )
    location_kind = models.CharField(
        _("work location"), max_length=10, choices=Location, blank=True
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    places = models.ManyToManyField(
        ReferenceItem, verbose_name=_("cities and regions"), blank=True, related_name="+"
    )
    interests = models.ManyToManyField(
        ReferenceItem, verbose_name=_("interests"), blank=True, related_name="+"
    )
    # The description: three required sections and an optional one, sanitised HTML.
    purpose_fr = models.TextField(_("purpose of the position (French)"), blank=True)
    purpose_en = models.TextField(_("purpose of the position (English)"), blank=True)
    duties_fr = models.TextField(_("main duties (French)"), blank=True)
    duties_en = models.TextField(_("main duties (English)"), blank=True)
    qualifications_fr = models.TextField(_("qualifications (French)"), blank=True)
    qualifications_en = models.TextField(_("qualifications (English)"), blank=True)
    more_fr = models.TextField(_("mission, culture, benefits (French)"), blank=True)
    more_en = models.TextField(_("mission, culture, benefits (English)"), blank=True)

    featured = models.BooleanField(_("featured for 7 days"), default=False)
    publish_mode = models.CharField(
        _("publication date"), max_length=12, choices=PublishMode, default=PublishMode.ON_APPROVAL
    )
    publish_on = models.DateField(_("publish on"), null=True, blank=True)
    apply_mode = models.CharField(_("how to apply"), max_length=6, choices=ApplyMode, blank=True)
    apply_url = models.URLField(_("address of the application page"), max_length=500, blank=True)
    apply_email = models.EmailField(_("e-mail receiving applications"), blank=True)

    # Credits taken from the group's bank on submission ("package attached").
    credit_kind = models.CharField(max_length=40, blank=True)
    featured_credit = models.BooleanField(default=False)

    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    ends_on = models.DateField(_("online until"), null=True, blank=True)
    featured_until = models.DateField(_("featured until"), null=True, blank=True)
    # The day a featured boost started: its 7 days are capped at `ends_on`, and an extension
    # gives back the days the cap took (jobboard/boosts.py).
    featured_since = models.DateField(null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    # Online on the public site now. An active posting being edited goes back to validation
    # and stays online with its published version (`published`) until the new one is approved.
    live = models.BooleanField(default=False)
    published = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("job posting")
        verbose_name_plural = _("job postings")
        indexes = [
            # My postings and the dashboard: a group's postings by status, newest first.
            models.Index(fields=["group", "state", "-updated_at"], name="posting_group_state"),
            models.Index(fields=["group", "-updated_at"], name="posting_group_updated"),
            # The scheduled job: postings to publish and to expire.
            models.Index(
                fields=["publish_on"], condition=Q(state="scheduled"), name="posting_to_publish"
            ),
            models.Index(fields=["ends_on"], condition=Q(live=True), name="posting_live_ends"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(publish_mode="on_approval") | Q(publish_on__isnull=False),
                name="posting_date_when_on_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title or str(_("Untitled posting"))

    @property
    def title(self) -> str:
        if translation.get_language() == "en" and self.title_en:
            return self.title_en
        return self.title_fr

    @property
    def package_attached(self) -> bool:
        return bool(self.credit_kind)
