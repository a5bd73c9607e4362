from celery import shared_task

from portal.email_sending import outbound_email_send, unsent_email_ids


@shared_task
def send_outbound_email(email_id: int) -> bool:
    return outbound_email_send(email_id=email_id)


@shared_task
def send_outbound_emails(email_ids: list[int]) -> int:
    """A mailing's batch (portal.notify.queue_emails_bulk): each message claimed once."""
    return sum(outbound_email_send(email_id=email_id) for email_id in email_ids)


@shared_task
def retry_unsent_emails() -> int:
    ids = unsent_email_ids()
    for email_id in ids:
        send_outbound_email.delay(email_id)
    return len(ids)
