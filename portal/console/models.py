"""The work queue (issue 20): one row per thing that waits for an office.

Each app registers its kinds of work (portal.console.kinds); the row is opened when the
app's object starts waiting and closed when it stops (saved by the app's services, caught
by a post_save signal, and by the periodic reconcile for set-based updates). Materialised
rows let the queue filter, count, sort and paginate over indexes in one statement each."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import StaffRole

if TYPE_CHECKING:
    from portal.models import Review


class WorkItem(models.Model):
    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        DECIDED = "decided", _("Decided")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    kind = models.CharField(_("kind"), max_length=60)
    office = models.CharField(_("office"), max_length=32, choices=StaffRole)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.WAITING)
    subject_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    title = models.CharField(_("item"), max_length=255)
    applicant = models.CharField(_("applicant"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.CharField(_("e-mail"), max_length=254, blank=True)
    reference = models.CharField(_("reference"), max_length=60, blank=True)
    # Lower-case words of the fields above, for the search (trigram index).
    search = models.TextField(blank=True)
    created_at = models.DateTimeField(_("arrived"), db_index=False)
    due_date = models.DateField(_("due"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.CharField(_("decision"), max_length=40, blank=True)
    note = models.TextField(_("note"), blank=True)

    # Set by portal.console.queries.decorate, in the reader's language.
    kind_label: str
    outcome_label: str
    is_overdue: bool
    display_title: str
    page_review: "Review | None"  # set by queries.queue_page's statement

    class Meta:
        verbose_name = _("work item")
        verbose_name_plural = _("work items")
        constraints = [
            # One waiting item per object and kind: a second signal or sweep adds nothing.
            models.UniqueConstraint(
                fields=["kind", "subject_type", "subject_id"],
                condition=Q(state="waiting"),
                name="workitem_one_waiting",
            ),
        ]
        indexes = [
            # The queue: an office's waiting items by due date; with the assignee, kind and
            # arrival, the counts per state and the overview's waiting read the index alone.
            models.Index(
                fields=["office", "due_date", "id"],
                include=["assignee", "kind", "created_at"],
                condition=Q(state="waiting"),
                name="workitem_waiting_cover",
            ),
            # The same across several offices (a person with many), in the queue's order.
            models.Index(
                fields=["due_date", "created_at", "id"],
                condition=Q(state="waiting"),
                name="workitem_waiting_due",
            ),
            # "Unassigned": what nobody has, in the queue's order.
            models.Index(
                fields=["due_date", "created_at", "id"],
                condition=Q(state="waiting", assignee__isnull=True),
                name="workitem_unassigned_due",
            ),
            # "Mine": a person's open items.
            models.Index(
                fields=["assignee", "due_date"],
                condition=Q(state="waiting"),
                name="workitem_assignee",
            ),
            # The archive and the overview's windows: an office's decisions, newest first;
            # with the kind and the arrival, the overview's 30 days read the index alone.
            models.Index(
                fields=["office", "-decided_at", "-id"],
                include=["kind", "created_at"],
                condition=Q(state="decided"),
                name="workitem_decided_cover",
            ),
            # The archive across several offices: newest first.
            models.Index(
                fields=["-decided_at", "-id"],
                condition=Q(state="decided"),
                name="workitem_decided_recent",
            ),
            # Arrivals per week on the overview.
            models.Index(fields=["office", "created_at"], name="workitem_arrivals"),
            # An object's items (reconcile, the item's history).
            models.Index(fields=["subject_type", "subject_id"], name="workitem_subject"),
            # The search, one trigram index per state: the queue's search reads the small
            # one of the waiting items, the archive's the one of the decided.
            GinIndex(
                fields=["search"],
                opclasses=["gin_trgm_ops"],
                condition=Q(state="waiting"),
                name="workitem_search_waiting",
            ),
            GinIndex(
                fields=["search"],
                opclasses=["gin_trgm_ops"],
                condition=Q(state="decided"),
                name="workitem_search_decided",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DailyCount(models.Model):
    """Arrivals and decisions per office, kind and day (in settings.TIME_ZONE), so that the
    overview's weeks read a few hundred rows instead of every item. Kept by statement-level
    triggers on console_workitem (migration 0003), in the same transaction as the change,
    whatever writes it (services, set-based updates, raw SQL); never written by Python."""

    office = models.CharField(max_length=32)
    kind = models.CharField(max_length=60)
    day = models.DateField()
    arrivals = models.IntegerField(default=0)
    decisions = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "day", "kind"], name="dailycount_key"),
        ]

    def __str__(self) -> str:
        return f"{self.office} {self.kind} {self.day}"


class KindDeadline(models.Model):
    """A supervisor's service-level deadline for one kind of work, in business days."""

    kind = models.CharField(max_length=60, unique=True)
    business_days = models.PositiveSmallIntegerField(_("business days"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.kind}: {self.business_days}"
