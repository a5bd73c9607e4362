"""portal.lib.tasks.enqueue: a task started by name runs in-process when eager (tests, no
REDIS_URL) and goes to its routed queue on the real broker otherwise."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import redis
from celery import current_app, shared_task
from django.db import transaction

from portal.lib.tasks import enqueue, enqueue_on_commit
from portal.models import OutboundEmail

TASK_NAMES = [
    "jobboard.publish_and_expire_postings",
    "licensing.send_window_reminders",
    "matching.tasks.eligibility_sweep_task",
    "matching.tasks.operator_precheck_task",
    "permits.tasks.send_pin_notice",
    "portal.tasks.send_outbound_email",
]


@shared_task(name="tests.portal.refusing_task")
def refusing_task(reason: str) -> None:
    raise ValueError(reason)


def stored_email() -> OutboundEmail:
    return OutboundEmail.objects.create(
        to="queued@example.org", subject="Bonjour", body_text="…", template="t", language="fr"
    )


def test_every_app_task_is_known_by_name_once_modules_are_imported():
    current_app.autodiscover_tasks(force=True)
    assert set(TASK_NAMES) <= set(current_app.tasks)


def test_a_fresh_process_finds_the_task_modules_on_first_use():
    """A web process has imported no tasks.py when a service first enqueues by name."""
    script = textwrap.dedent(
        """
        import logging
        import django
        django.setup()
        from celery import current_app
        from portal.lib.tasks import enqueue
        assert "portal.tasks.send_outbound_emails" not in current_app.tasks
        logging.getLogger("portal.security").setLevel(logging.ERROR)
        assert enqueue("portal.tasks.send_outbound_emails", []).get() == 0
        assert "permits.tasks.send_pin_notice" in current_app.tasks
        # Discovery neither re-ran django.setup() (it resets the logging) nor the checks.
        assert logging.getLogger("portal.security").level == logging.ERROR
        print("ok")
        """
    )
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}  # eager, as `make run`
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.stdout.strip() == "ok", done.stderr


@pytest.mark.django_db
def test_eager_runs_the_task_in_process_and_returns_its_result(mailoutbox):
    email = stored_email()
    assert enqueue("portal.tasks.send_outbound_email", email.pk).get() is True
    assert OutboundEmail.objects.get(pk=email.pk).status == OutboundEmail.Status.SENT
    assert [m.to for m in mailoutbox] == [["queued@example.org"]]


@pytest.mark.django_db
def test_eager_on_commit_waits_for_the_commit(django_capture_on_commit_callbacks):
    email = stored_email()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        enqueue_on_commit("portal.tasks.send_outbound_email", email_id=email.pk)
        assert OutboundEmail.objects.get(pk=email.pk).status == OutboundEmail.Status.QUEUED
    assert len(callbacks) == 1
    assert OutboundEmail.objects.get(pk=email.pk).status == OutboundEmail.Status.SENT


def test_eager_failure_propagates_like_delay():
    with pytest.raises(ValueError, match="refused"):
        enqueue("tests.portal.refusing_task", "refused")


def test_eager_unknown_name_is_refused():
    with pytest.raises(KeyError):
        enqueue("portal.tasks.no_such_task")


@pytest.mark.worker
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI sets it)")
def test_with_a_broker_the_message_goes_to_its_routed_queue():
    client = redis.Redis.from_url(current_app.conf.broker_url)

    def messages(queue: str) -> list[dict]:
        return [json.loads(raw) for raw in client.lrange(queue, 0, -1)]

    current_app.conf.task_always_eager = False  # the autouse fixture sets it back
    email_id = enqueue("portal.tasks.send_outbound_email", 987654).id
    sweep_id = enqueue("matching.tasks.eligibility_sweep_task").id
    try:
        mails = {m["headers"]["id"]: m["headers"]["task"] for m in messages("email")}
        others = {m["headers"]["id"]: m["headers"]["task"] for m in messages("default")}
        assert mails.get(email_id) == "portal.tasks.send_outbound_email"
        assert others.get(sweep_id) == "matching.tasks.eligibility_sweep_task"
        assert email_id not in others and sweep_id not in mails
    finally:
        for queue in ("email", "default"):
            for raw in client.lrange(queue, 0, -1):
                if json.loads(raw)["headers"]["id"] in (email_id, sweep_id):
                    client.lrem(queue, 1, raw)
