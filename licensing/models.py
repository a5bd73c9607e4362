"""Licence codes bought by a company's group, employees' certification applications, and
what the employee has done along the way (L1–L6)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from credentials.models import Credential, CredentialType
from portal.models import Group, TimeStampedModel

WINDOW_DAYS = 90


class IntroCourseCompletion(models.Model):
    """The employee finished the free introductory course (L4)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="licensing_intro"
    )
    completed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user} {self.completed_at:%Y-%m-%d}"


class Application(TimeStampedModel):
    """An employee's application for one certification, then the course and exam it unlocks."""

    class State(models.TextChoices):
        APPLIED = "applied", _("Applied")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", pgettext_lazy("application", "Refused")
        LAPSED = "lapsed", _("Approval lapsed")
        REDEEMED = "redeemed", _("Code redeemed")
        COURSE_COMPLETED = "course_completed", _("Course completed")
        EXAM_FAILED = "exam_failed", _("Exam failed")
        CERTIFIED = "certified", _("Certified")

    OPEN_STATES = [
        "applied",
        "changes_requested",
        "approved",
        "redeemed",
        "course_completed",
        "exam_failed",
    ]

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="licensing_applications"
    )
    certification = models.ForeignKey(
        CredentialType,
        verbose_name=_("certification"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"family": "mine_supervisor", "kind": "certification"},
    )
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.APPLIED)
    decided_at = models.DateTimeField(null=True, blank=True)
    window_closes_on = models.DateField(_("redeem a code by"), null=True, blank=True)
    reminder_30_sent_at = models.DateTimeField(null=True, blank=True)
    reminder_7_sent_at = models.DateTimeField(null=True, blank=True)
    redeemed_at = models.DateTimeField(null=True, blank=True)
    course_completed_at = models.DateTimeField(null=True, blank=True)
    exam_recorded_at = models.DateTimeField(null=True, blank=True)
    exam_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    credential = models.OneToOneField(
        Credential, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("certification application")
        verbose_name_plural = _("certification applications")
        constraints = [
            # One application in progress per person and certification.
            models.UniqueConstraint(
                fields=["applicant", "certification"],
                condition=Q(
                    state__in=[
                        "applied",
                        "changes_requested",
                        "approved",
                        "redeemed",
                        "course_completed",
                        "exam_failed",
                    ]
                ),
                name="application_one_open_per_certification",
            ),
            models.CheckConstraint(
                condition=~Q(state="approved") | Q(window_closes_on__isnull=False),
                name="application_approved_has_window",
            ),
        ]
        indexes = [
            # The reminder and lapse sweeps: approved applications by window end.
            models.Index(fields=["state", "window_closes_on"], name="application_state_window"),
            # An employee's own applications.
            models.Index(fields=["applicant", "-created_at"], name="application_applicant"),
        ]

    def __str__(self) -> str:
        return f"{self.certification} — {self.applicant}"


class LicenceCode(TimeStampedModel):
    """One licence bought by a group. `in_use` while an application names it; `redeemed`
    once, ever, when an approved applicant spends it."""

    class State(models.TextChoices):
        UNUSED = "unused", _("Unused")
        IN_USE = "in_use", _("In use")
        REDEEMED = "redeemed", _("Redeemed")

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="licence_codes")
    order_line = models.ForeignKey(
        "billing.OrderLine", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("code"), max_length=16, unique=True)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.UNUSED)
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.PROTECT, related_name="licence_code"
    )
    redeemed_at = models.DateTimeField(_("redeemed"), null=True, blank=True)
    # The company's own tracking notes: they never bind the code to anyone.
    assigned_to = models.CharField(_("assigned to (name)"), max_length=120, blank=True)
    assigned_on = models.DateField(_("assignment date"), null=True, blank=True)

    class Meta:
        verbose_name = _("licence code")
        verbose_name_plural = _("licence codes")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(state="unused") & Q(application__isnull=True) & Q(redeemed_at__isnull=True)
                )
                | (Q(state="in_use") & Q(application__isnull=False) & Q(redeemed_at__isnull=True))
                | (
                    Q(state="redeemed")
                    & Q(application__isnull=False)
                    & Q(redeemed_at__isnull=False)
                ),
                name="licencecode_state_consistent",
            ),
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9A-HJKMNP-TV-Z]{16}$"), name="licencecode_format"
            ),
        ]
        indexes = [
            # The management table and its counts: a group's codes in order, by state.
            models.Index(fields=["group", "created_at", "id"], name="licencecode_group_order"),
            models.Index(fields=["group", "state"], name="licencecode_group_state"),
        ]

    def __str__(self) -> str:
        from licensing.codes import display

        return display(self.code)

    @property
    def display(self) -> str:
        from licensing.codes import display

        return display(self.code)


class WeeklySummarySent(models.Model):
    """The weekly unused-code summary went to this group for this week (sent once)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="+")
    week = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "week"], name="weeklysummary_once")]

    def __str__(self) -> str:
        return f"{self.group_id} {self.week}"
