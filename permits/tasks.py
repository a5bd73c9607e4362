from celery import shared_task


@shared_task
def send_pin_notice(account_id: int) -> bool:
    from permits.importer import pin_notice_send

    return pin_notice_send(account_id=account_id)
