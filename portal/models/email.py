from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models.base import TimeStampedModel


class OutboundEmail(TimeStampedModel):
    """One e-mail on its way out: rendered when queued, sent by a Celery task.

    The row is the unit of work: the task claims it with a conditional update, so a
    message is sent at most once even if the task runs twice.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outbound_emails",
    )
    to = models.EmailField(_("to"))
    template = models.CharField(_("template"), max_length=120)
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("text body"))
    body_html = models.TextField(_("HTML body"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    provider_message_id = models.CharField(_("provider message id"), max_length=255, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # Extra mail headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058).
    headers = models.JSONField(_("headers"), default=dict, blank=True)

    class Meta:
        verbose_name = _("outbound e-mail")
        verbose_name_plural = _("outbound e-mails")
        ordering = ["-created_at", "-id"]
        indexes = [
            # retry_unsent_emails: queued or failed messages, oldest first.
            models.Index(fields=["status", "created_at"], name="outboundemail_status_created"),
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class OutboundAttachment(models.Model):
    """A file sent with an e-mail (a CV to an employer, an invoice PDF). Kept with the message
    so a retry sends the same bytes."""

    email = models.ForeignKey(OutboundEmail, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(_("file name"), max_length=200)
    mimetype = models.CharField(_("type"), max_length=100)
    content = models.BinaryField(_("content"))

    class Meta:
        verbose_name = _("e-mail attachment")
        verbose_name_plural = _("e-mail attachments")

    def __str__(self) -> str:
        return self.filename
