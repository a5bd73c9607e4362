"""Celery tasks: ids in, a service call out. Nothing imports this module: services start a
task by name (portal.lib.tasks.enqueue_on_commit)."""

from celery import shared_task

from permits.importer import pin_notice_send


@shared_task
def send_pin_notice(account_id: int) -> bool:
    return pin_notice_send(account_id=account_id)
