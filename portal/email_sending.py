"""Sending stored e-mails. Only the task and the retry sweep call this."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.utils import timezone

from portal.models import OutboundEmail

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
# A message claimed ("sending") this long ago whose send never finished died with its worker
# (killed, out of memory): it is claimed again. No send takes this long (the providers' HTTP
# timeouts are seconds), so a live worker's message is never taken from it.
SENDING_STALE_SECONDS = 600


def _claimable() -> Q:
    stale = timezone.now() - timedelta(seconds=SENDING_STALE_SECONDS)
    return Q(status__in=[OutboundEmail.Status.QUEUED, OutboundEmail.Status.FAILED]) | Q(
        status=OutboundEmail.Status.SENDING, updated_at__lt=stale
    )


def outbound_email_send(*, email_id: int) -> bool:
    """Send one stored message. Returns False when another run already claimed it."""
    claimed = OutboundEmail.objects.filter(
        _claimable(), pk=email_id, attempts__lt=MAX_ATTEMPTS
    ).update(
        status=OutboundEmail.Status.SENDING, attempts=F("attempts") + 1, updated_at=timezone.now()
    )
    if not claimed:
        return False
    email = OutboundEmail.objects.get(pk=email_id)
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        headers=email.headers or None,
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    for attachment in email.attachments.all():
        message.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    try:
        message.send()
    except Exception as exc:  # the provider refused or was unreachable: retried by the sweep
        logger.warning("e-mail %s failed: %s", email_id, type(exc).__name__)
        OutboundEmail.objects.filter(pk=email_id).update(
            status=OutboundEmail.Status.FAILED,
            last_error=str(exc)[:2000],
            updated_at=timezone.now(),
        )
        return True
    status = getattr(message, "anymail_status", None)  # set by anymail backends
    OutboundEmail.objects.filter(pk=email_id).update(
        status=OutboundEmail.Status.SENT,
        sent_at=timezone.now(),
        updated_at=timezone.now(),
        last_error="",
        provider_message_id=(status.message_id or "") if status else "",
    )
    return True


def unsent_email_ids(*, older_than_seconds: int = 120) -> list[int]:
    """Queued messages whose task was lost, failed ones with attempts left, and those a
    killed worker was sending (SENDING_STALE_SECONDS)."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    return list(
        OutboundEmail.objects.filter(_claimable(), attempts__lt=MAX_ATTEMPTS, updated_at__lt=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:500]
    )
