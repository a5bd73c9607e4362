"""Celery tasks: ids in, a service call out (services never import this module at the top)."""

from celery import shared_task

from permits.importer import pin_notice_send


@shared_task
def send_pin_notice(account_id: int) -> bool:
    return pin_notice_send(account_id=account_id)
