"""Start a Celery task by its name, so that no service imports a `tasks.py` module.

A `tasks.py` imports services (ids in, a service call out); a service that must start a task
names it instead of importing it, which keeps the imports one-way (no circle):

    from portal.lib.tasks import enqueue, enqueue_on_commit

    enqueue_on_commit("matching.tasks.operator_precheck_task", profile.pk)  # after COMMIT
    enqueue("matching.tasks.eligibility_sweep_task")                        # now

The name is the task's registered name: "<module>.<function>" for a plain `@shared_task`,
or the `name=` given to the decorator (e.g. "jobboard.weekly_digest").
"""

import logging
from functools import partial
from typing import Any

from celery import current_app
from celery.result import AsyncResult
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerUnreachable

logger = logging.getLogger(__name__)


def enqueue(name: str, /, *args: Any, **kwargs: Any) -> AsyncResult:
    """Run task `name` with these arguments now.

    With `task_always_eager` (no REDIS_URL, tests) the task runs in-process, as `.delay()`
    would: its exception propagates (task_eager_propagates) and an unknown name raises
    KeyError. Otherwise the message goes to the broker with `send_task`, which applies
    CELERY_TASK_ROUTES by name (the e-mail tasks keep their "email" queue).
    """
    app = current_app
    if app.conf.task_always_eager:
        if name not in app.tasks:
            # Task modules are discovered lazily (only a worker imports them at start): import
            # every app's tasks.py now. Not loader.import_default_modules(): through Celery's
            # Django fix-up that runs django.setup() again (logging reset) and all system checks.
            app.autodiscover_tasks(force=True)
        return app.tasks[name].apply(args, kwargs)
    return app.send_task(name, args=args, kwargs=kwargs)


def enqueue_on_commit(name: str, /, *args: Any, **kwargs: Any) -> None:
    """`enqueue` once the current transaction commits (at once outside a transaction),
    so the worker reads committed rows; nothing is sent if the transaction rolls back.

    If the broker is unreachable then (Redis restarting), the error is logged and the page
    still answers: what was committed stands, and the scheduled jobs pick the work up from
    the database (the outbox sweep sends stored e-mails; docs/production.md)."""
    transaction.on_commit(partial(_enqueue_or_log, name, *args, **kwargs))


def _enqueue_or_log(name: str, /, *args: Any, **kwargs: Any) -> None:
    try:
        enqueue(name, *args, **kwargs)
    except BrokerUnreachable as error:
        logger.error("task %s not queued, the broker is unreachable: %s", name, error)
