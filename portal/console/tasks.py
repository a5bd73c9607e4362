from celery import shared_task

from portal.console.services import work_reconcile


@shared_task(name="console.reconcile")
def reconcile_task() -> dict:
    """Open and close the items that set-based updates changed without a signal."""
    return {key: list(counts) for key, counts in work_reconcile().items()}
