"""Scheduled licensing jobs (CELERY_BEAT_SCHEDULE); each calls a service that claims its rows."""

from celery import shared_task

from licensing import services


@shared_task(name="licensing.send_window_reminders")
def send_window_reminders() -> int:
    services.approvals_lapse()
    return services.reminders_send()


@shared_task(name="licensing.send_weekly_unused_summaries")
def send_weekly_unused_summaries() -> int:
    return services.weekly_summaries_send()
