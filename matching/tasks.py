"""Celery tasks: ids in, a service call out."""

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
