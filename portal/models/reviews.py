from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import StaffRole
from portal.models.base import TimeStampedModel


class Review(TimeStampedModel):
    """Something waiting for office staff (C7): one row per submission, in one staff role's
    inbox. The app that created it (its `kind`, see portal.review_kinds) renders the detail
    panel and carries out the decision."""

    class State(models.TextChoices):
        OPEN = "open", _("Waiting")
        APPROVED = "approved", _("Approved")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Decision(models.TextChoices):
        APPROVE = "approve", _("Approve")
        REQUEST_CHANGES = "request_changes", _("Ask for changes")
        REFUSE = "refuse", _("Refuse")

    kind = models.CharField(_("kind"), max_length=60)
    staff_role = models.CharField(_("staff role"), max_length=32, choices=StaffRole)
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.OPEN)
    subject_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    summary = models.CharField(_("summary"), max_length=255)
    # A summary with words in it: message key and parameters (portal.system_text), shown in
    # the reader's language; `summary` then holds the French text, for the admin.
    summary_key = models.JSONField(null=True, blank=True)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="reviews_applied",
    )
    due_date = models.DateField(_("due date"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews_decided",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    note = models.TextField(_("note to the applicant"), blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            # One waiting review per object and kind: submitting twice does not queue twice.
            models.UniqueConstraint(
                fields=["kind", "subject_type", "subject_id"],
                condition=Q(state="open"),
                name="review_one_open_per_subject",
            ),
        ]
        indexes = [
            # The staff inbox: one role's open reviews, oldest first.
            models.Index(fields=["staff_role", "state", "created_at"], name="review_inbox"),
        ]

    def __str__(self) -> str:
        return self.summary
