from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One decision or state change (C8): who, when, what, from which state to which."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    verb = models.CharField(_("what"), max_length=60)
    from_state = models.CharField(_("from"), max_length=40, blank=True)
    to_state = models.CharField(_("to"), max_length=40, blank=True)
    note = models.TextField(_("note"), blank=True)
    # A note the system wrote: message key and parameters (portal.system_text), rendered in
    # the reader's language. `note` then holds the French text, for the admin and searches.
    note_key = models.JSONField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The history panel of one object, newest first.
            models.Index(
                fields=["subject_type", "subject_id", "-created_at"], name="audit_subject_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.verb} {self.from_state}→{self.to_state}"

    @property
    def display_note(self) -> str:
        """The note in the active language: the system's words translated, a person's as typed."""
        from portal.system_text import render_system_text

        return render_system_text(self.note_key) if self.note_key else self.note
