"""SJS service plans (S5), their closing and closure requests (S6).

A plan belongs to the provider group that opened it and to one of its service points. Its
goal, sub-goal and objective types are reference lists kept as data (like the EO plan's),
seeded by a migration. A client has at most one active plan across all providers: a partial
unique index decides, whatever the race.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.models import Group, PrivateFile
from portal.models.base import TimeStampedModel

__all__ = [
    "ClosureRequest",
    "CloseReason",
    "ObjectiveType",
    "PlanGoal",
    "PlanObjective",
    "PlanSubGoal",
    "ServicePlan",
]


class ReferenceItem(models.Model):
    """An entry of a ministry reference list, named in both languages."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        abstract = True
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name_fr if translation.get_language() == "fr" else self.name_en


class PlanGoal(ReferenceItem):
    class Meta(ReferenceItem.Meta):
        verbose_name = _("plan goal")


class PlanSubGoal(ReferenceItem):
    goal = models.ForeignKey(PlanGoal, on_delete=models.PROTECT, related_name="sub_goals")

    class Meta(ReferenceItem.Meta):
        verbose_name = _("plan sub-goal")


class ObjectiveType(ReferenceItem):
    # A placement objective links the plan to a registered employer (S5, Q21, Q22).
    is_placement = models.BooleanField(default=False)

    class Meta(ReferenceItem.Meta):
        verbose_name = _("objective type")


class CloseReason(models.TextChoices):
    PLACEMENT_COMPLETED = "placement_completed", _("Placement completed")
    CLIENT_REQUEST = "client_request", _("Client request")
    MOVED = "moved", _("Moved to another provider")
    OPENED_IN_ERROR = "opened_in_error", _("Opened in error")
    OTHER = "other", pgettext_lazy("casework close reason", "Other")


class ServicePlan(TimeStampedModel):
    class State(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("casework plan", "Active")
        CLOSED = "closed", pgettext_lazy("casework plan", "Closed")

    client = models.ForeignKey("casework.Client", on_delete=models.PROTECT, related_name="plans")
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="casework_plans")
    service_point = models.ForeignKey(
        "casework.ServicePoint", on_delete=models.PROTECT, related_name="plans"
    )
    goal = models.ForeignKey(PlanGoal, on_delete=models.PROTECT, related_name="+")
    sub_goal = models.ForeignKey(PlanSubGoal, on_delete=models.PROTECT, related_name="+")
    start_date = models.DateField(_("start date"))
    # The client's consent the plan was opened on (S3, Q9): registration comes first. Null
    # only on rows older than this rule; such plans never count in the reports.
    consent = models.ForeignKey(
        "casework.Consent", null=True, on_delete=models.PROTECT, related_name="plans"
    )
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.ACTIVE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    close_reason = models.CharField(
        _("reason for closing"), max_length=20, choices=CloseReason, blank=True
    )
    close_note = models.CharField(_("note"), max_length=500, blank=True)
    # A closing note the system wrote ("Closure requested by …"): message key and parameters
    # (portal.system_text), shown in the reader's language; close_note holds the French text.
    close_note_key = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("SJS service plan")
        verbose_name_plural = _("SJS service plans")
        constraints = [
            # S5, Q18/Q19: one active SJS plan per client across every provider.
            models.UniqueConstraint(
                fields=["client"], condition=Q(state="active"), name="plan_one_active_per_client"
            ),
            # S6: a closed plan has its date and reason; "other" needs a note.
            models.CheckConstraint(
                condition=Q(state="active") | (Q(closed_on__isnull=False) & ~Q(close_reason="")),
                name="plan_closed_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(close_reason="other") | ~Q(close_note=""),
                name="plan_other_reason_has_note",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("start_date")),
                name="plan_closed_after_start",
            ),
        ]
        indexes = [
            # plans_for_group: a provider's plans by state, newest first.
            models.Index(fields=["group", "state", "-start_date"], name="plan_group_state"),
            # plan_report: a service point's plans over a period.
            models.Index(fields=["service_point", "start_date"], name="plan_point_start"),
            models.Index(fields=["service_point", "closed_on"], name="plan_point_closed"),
        ]

    @property
    def display_close_note(self) -> str:
        from portal.system_text import render_system_text

        return render_system_text(self.close_note_key) if self.close_note_key else self.close_note

    def __str__(self) -> str:
        return f"SJS plan {self.pk} of client {self.client_id}"

    @property
    def is_active(self) -> bool:
        return self.state == self.State.ACTIVE


class PlanObjective(TimeStampedModel):
    """An objective of a plan. Added as a draft, then saved; another of the same type may be
    added only once the previous one is saved (Q22), which a partial unique index holds."""

    class State(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("casework objective", "Not saved yet")
        SAVED = "saved", pgettext_lazy("casework objective", "Saved")

    plan = models.ForeignKey(ServicePlan, on_delete=models.CASCADE, related_name="objectives")
    # The plan's group and service point (they never change), copied so that the placements
    # report counts a provider's objectives without joining 100,000+ plans.
    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="+")
    service_point = models.ForeignKey(
        "casework.ServicePoint", on_delete=models.PROTECT, related_name="+"
    )
    type = models.ForeignKey(ObjectiveType, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=10, choices=State, default=State.DRAFT)
    description = models.CharField(_("description"), max_length=500, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    # Placement objectives only: a registered employer with this year's form (S4, S5).
    employer = models.ForeignKey(
        "casework.Employer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="placements",
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "type"], condition=Q(state="draft"), name="objective_one_draft"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="objective_dates_ordered",
            ),
        ]
        indexes = [
            # plan_report: a provider's placements started / ended in a period.
            models.Index(fields=["group", "start_date"], name="objective_group_start"),
            models.Index(fields=["group", "end_date"], name="objective_group_end"),
        ]

    def __str__(self) -> str:
        return f"{self.type} ({self.plan_id})"


class ClosureRequest(TimeStampedModel):
    """Another provider asks the owner to close a plan, with the client's written consent
    (S6, Q25). The owner closes ("moved to another provider") or refuses with a note."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for the owning provider")
        ACCEPTED = "accepted", _("Accepted: the plan is closed")
        REFUSED = "refused", pgettext_lazy("casework closure request", "Refused")

    plan = models.ForeignKey(ServicePlan, on_delete=models.CASCADE, related_name="closure_requests")
    requester_group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    consent_file = models.ForeignKey(PrivateFile, on_delete=models.PROTECT, related_name="+")
    consent_signed_on = models.DateField(_("consent signed on"))
    note = models.CharField(_("message to the provider"), max_length=1000, blank=True)
    state = models.CharField(max_length=10, choices=State, default=State.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=1000, blank=True)

    class Meta:
        constraints = [
            # One pending request per plan and requesting provider.
            models.UniqueConstraint(
                fields=["plan", "requester_group"],
                condition=Q(state="pending"),
                name="closure_request_one_pending",
            ),
            models.CheckConstraint(
                condition=~Q(state="refused") | ~Q(decision_note=""),
                name="closure_refusal_has_note",
            ),
        ]
        indexes = [
            # closure_queue: the owning provider's pending requests, oldest first.
            models.Index(fields=["state", "created_at"], name="closure_state_created"),
        ]

    def __str__(self) -> str:
        return f"closure of plan {self.plan_id} asked by {self.requester_group_id}"
