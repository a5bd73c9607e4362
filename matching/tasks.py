"""Celery tasks: ids in, a service call out. Nothing imports this module: services start a
task by name (portal.lib.tasks.enqueue_on_commit)."""

from celery import shared_task

from matching import services


@shared_task
def operator_precheck_task(profile_id: int) -> None:
    services.operator_precheck(profile_id=profile_id)


@shared_task
def saved_search_alerts_task(operator_id: int) -> int:
    return services.saved_search_alerts(operator_id=operator_id)


@shared_task
def eligibility_sweep_task() -> dict[str, int]:
    return services.eligibility_sweep()
