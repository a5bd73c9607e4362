"""The one path for e-mail (C9): render in the recipient's language, store, send after commit.

    notify(user, "membership_approved", {"group": group})

renders templates/emails/membership_approved_subject.txt, _body.txt and (if present)
_body.html with the user's language active, stores an OutboundEmail and queues the Celery
task that sends it once the transaction commits. Nothing is sent if the transaction rolls back.

`attachments` are (file name, bytes, MIME type) triples stored with the message (a CV, an
invoice PDF); `headers` are extra mail headers (List-Unsubscribe for a mailing).
"""

from collections.abc import Sequence

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from portal.alerts import alert_enabled
from portal.lib.tasks import enqueue_on_commit
from portal.models import OutboundAttachment, OutboundEmail

Attachment = tuple[str, bytes, str]


def render_email(user, template: str, context: dict) -> tuple[str, str, str, str]:
    """(language, subject, text body, HTML body or "") of `template` for `user`, in the
    user's language: what notify() sends, for callers that store many at once."""
    language = user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        ctx = {
            "user": user,
            "site_url": settings.SITE_URL,
            "site_name": settings.SITE_NAME,
            **context,
        }
        subject: str = render_to_string(f"emails/{template}_subject.txt", ctx)
        body_text: str = render_to_string(f"emails/{template}_body.txt", ctx)
        try:
            body_html: str = render_to_string(f"emails/{template}_body.html", ctx)
        except TemplateDoesNotExist:
            body_html = ""
    return language, subject, body_text, body_html


def notify(
    user,
    template: str,
    context: dict | None = None,
    *,
    alert: str | None = None,
    attachments: Sequence[Attachment] = (),
    headers: dict[str, str] | None = None,
):
    """Queue e-mail `template` to `user`. With `alert`, only if the user has it turned on."""
    if alert is not None and not alert_enabled(user, alert):
        return None
    language, subject, body_text, body_html = render_email(user, template, context or {})
    return queue_email(
        to=user.email,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        template=template,
        language=language,
        recipient=user,
        attachments=attachments,
        headers=headers,
    )


def queue_email(
    *,
    to: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    template: str,
    language: str,
    recipient=None,
    attachments: Sequence[Attachment] = (),
    headers: dict[str, str] | None = None,
) -> OutboundEmail:
    """Store a rendered message and send it after commit (also used by allauth's adapter)."""
    email = OutboundEmail.objects.create(
        recipient=recipient,
        to=to,
        subject=" ".join(subject.split())[:255],  # one line, as mail headers need
        body_text=body_text,
        body_html=body_html,
        template=template,
        language=language,
        headers=headers or {},
    )
    OutboundAttachment.objects.bulk_create(
        OutboundAttachment(email=email, filename=name, content=content, mimetype=mimetype)
        for name, content, mimetype in attachments
    )
    enqueue_on_commit("portal.tasks.send_outbound_email", email.pk)
    return email


def queue_emails_bulk(emails: Sequence[OutboundEmail]) -> list[OutboundEmail]:
    """Store many rendered messages in one INSERT and send them after commit with ONE task
    (a mailing's batch: the weekly jobs to 500 subscribers). Each message is still claimed
    once by `portal.email_sending.outbound_email_send`, so a task run twice sends nothing
    twice. No attachments here; subjects are one line as for `queue_email`."""
    if not emails:
        return []
    for email in emails:
        email.subject = " ".join(email.subject.split())[:255]
    created = OutboundEmail.objects.bulk_create(emails)
    enqueue_on_commit("portal.tasks.send_outbound_emails", [email.pk for email in created])
    return created
