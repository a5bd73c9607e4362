"""Job board, employer side: the regulator's free-mail list, employer onboarding, and the
company information each group shows on its postings (J1, J2)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.lib.canada import Province
from portal.models import Group, Membership, Organisation
from portal.models.base import TimeStampedModel


class FreeMailDomain(TimeStampedModel):
    """A public webmail domain: employer accounts need a professional address (J1)."""

    domain = models.CharField(_("domain"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("free-mail domain")
        verbose_name_plural = _("free-mail domains")
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain


class EmployerPerson(TimeStampedModel):
    """What the job board knows about an employer user beyond the shared profile."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employer_person"
    )
    phone_extension = models.CharField(_("extension"), max_length=10, blank=True)
    job_title = models.CharField(_("function in the company"), max_length=120)

    class Meta:
        verbose_name = _("employer user")
        verbose_name_plural = _("employer users")

    def __str__(self) -> str:
        return f"{self.user} ({self.job_title})"


class EmployerApplication(TimeStampedModel):
    """The onboarding of one user, saved at each tab so it can be resumed (J1)."""

    class Path(models.TextChoices):
        JOIN_GROUP = "join_group", _("Join an existing group")
        NEW_GROUP = "new_group", _("A new group")
        NEW_COMPANY = "new_company", _("A new company")

    class State(models.TextChoices):
        DRAFT = "draft", _("Being filled in")
        SUBMITTED = "submitted", _("Awaiting approval")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employer_applications"
    )
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.DRAFT)
    path = models.CharField(_("request"), max_length=12, choices=Path, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The company's mandatory fields as the applicant validated (or, for a new company, typed)
    # them: a claim shown to whoever approves, never written over an existing record.
    legal_name = models.CharField(_("legal name of the company"), max_length=200, blank=True)
    operating_name = models.CharField(_("operating name"), max_length=200, blank=True)
    registry_number = models.CharField(_("enterprise number (NEQ)"), max_length=30, blank=True)
    street_address = models.CharField(_("head-office address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    province = models.CharField(_("province"), max_length=2, choices=Province, blank=True)
    country = models.CharField(_("country"), max_length=60, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    company_phone = models.CharField(_("company phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    company_confirmed = models.BooleanField(default=False)
    # About you.
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    phone_extension = models.CharField(_("extension"), max_length=10, blank=True)
    job_title = models.CharField(_("function in the company"), max_length=120, blank=True)
    about_done = models.BooleanField(default=False)
    # After submission: the request it became.
    membership = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("employer account request")
        verbose_name_plural = _("employer account requests")
        constraints = [
            # One onboarding being filled in per user: resuming finds it.
            models.UniqueConstraint(
                fields=["user"], condition=Q(state="draft"), name="jobboard_one_draft_application"
            ),
        ]
        indexes = [
            # application_for_user: a user's latest request.
            models.Index(fields=["user", "-created_at"], name="jobboard_application_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.legal_name or '?'} ({self.state})"


class EmployerGroupProfile(TimeStampedModel):
    """What a group shows on its postings beyond the core Group's own fields (J2).

    The group's logo, description, website and phone are the core Group's fields; the company
    name and address shown on postings default to the organisation's record."""

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="employer_profile")
    company_name = models.CharField(_("company name"), max_length=200, blank=True)
    display_group_name = models.CharField(
        _("group name shown on postings (optional)"), max_length=120, blank=True
    )
    street_address = models.CharField(_("company address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    province = models.CharField(_("province"), max_length=2, choices=Province, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    company_description = models.TextField(_("company description"), blank=True)

    class Meta:
        verbose_name = _("company information on postings")
        verbose_name_plural = _("company information on postings")

    def __str__(self) -> str:
        return self.company_name or str(self.group)
