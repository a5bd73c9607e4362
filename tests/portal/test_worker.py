"""Tasks through a real Celery worker on real Redis (when REDIS_URL is set, as in CI)."""

import os
import time

import pytest
from django.core import mail
from django.db import transaction

from portal.models import OutboundEmail
from portal.notify import notify
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI sets it)"),
]


@pytest.fixture
def celery_worker(transactional_db, settings):
    """A worker thread consuming the real Redis queues, as `make worker` does."""
    from celery.contrib.testing.worker import start_worker

    from portal.celery import app

    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], "tests/templates"]}
    ]
    app.conf.task_always_eager = False
    assert app.conf.broker_url.startswith("redis://")
    with start_worker(
        app, pool="solo", perform_ping_check=False, queues=["default", "email"], shutdown_timeout=20
    ) as worker:
        yield worker
    app.conf.task_always_eager = True


def wait_for(condition, seconds=30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_e_mail_is_sent_by_the_worker_after_commit(celery_worker):
    user = UserFactory(email="worker@example.org", first_name="Wanda")
    with transaction.atomic():
        email = notify(user, "test_greeting")
        # Not sent before the transaction commits: the task is only queued on commit.
        time.sleep(0.5)
        assert OutboundEmail.objects.get(pk=email.pk).status == OutboundEmail.Status.QUEUED
    assert wait_for(
        lambda: OutboundEmail.objects.get(pk=email.pk).status == OutboundEmail.Status.SENT
    ), OutboundEmail.objects.get(pk=email.pk).last_error
    assert [m.subject for m in mail.outbox if m.to == ["worker@example.org"]] == ["Bienvenue Wanda"]


def test_sign_up_verification_goes_through_the_worker(celery_worker, client):
    client.post(
        "/en/accounts/signup/",
        {
            "email": "queued@example.org",
            "first_name": "Quinn",
            "last_name": "Lee",
            "password1": "a-long-new-password",
            "password2": "a-long-new-password",
        },
    )
    assert wait_for(
        lambda: OutboundEmail.objects.filter(
            to="queued@example.org", status=OutboundEmail.Status.SENT
        ).exists()
    )
