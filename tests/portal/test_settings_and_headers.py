"""Deployment settings, security headers and the demo data command."""

import logging
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command

from accounts.models import User

PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 20 + "production-secret-key-with-enough-entropy-1234567890",
    "ALLOWED_HOSTS": "portail.example.ca",
    "HTTPS": "1",
    "DEBUG": "",
}


def test_check_deploy_is_clean_with_production_variables():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(PRODUCTION_ENV)
    env.setdefault("DATABASE_URL", os.environ.get("DATABASE_URL", ""))
    # Production shares its cache between workers (portal.E001); the check does not connect.
    env["REDIS_URL"] = env.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    if not env["DATABASE_URL"]:
        env["DATABASE_URL"] = "postgres://portal@127.0.0.1:5432/portal"
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr


def test_check_deploy_warns_about_a_development_setup():
    skip = {"SECRET_KEY", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env["DATABASE_URL"] = env.get("DATABASE_URL") or "postgres://portal@127.0.0.1:5432/portal"
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert "portal.W001" in result.stdout + result.stderr
    assert "security.W004" in result.stdout + result.stderr  # no HSTS without HTTPS=1


@pytest.mark.django_db
def test_security_headers_on_every_page(client):
    response = client.get("/fr/")
    csp = response["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_root_redirects_to_a_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en").headers["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-CA").headers["Location"] == "/fr/"


@pytest.mark.django_db
def test_healthz(client):
    assert client.get("/healthz").content == b"ok"


@pytest.mark.django_db
def test_healthz_says_why_when_the_database_is_unreachable(client, monkeypatch):
    from django.db import OperationalError, connection

    def refused():
        raise OperationalError('connection to server at "db", port 5432 failed')

    monkeypatch.setattr(connection, "cursor", refused)
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (
        503,
        b"database unavailable: OperationalError",
    )


def _demo_counts():
    from allauth.account.models import EmailAddress

    from portal.models import (
        AuditEvent,
        Group,
        GroupUserPermission,
        Membership,
        Organisation,
        Review,
    )

    models = [
        User,
        EmailAddress,
        Organisation,
        Group,
        Membership,
        Review,
        AuditEvent,
        GroupUserPermission,
    ]
    return {m.__name__: m.objects.count() for m in models} | {
        "passwords": list(User.objects.order_by("pk").values_list("password", flat=True))
    }


QUIET_LIBRARIES = {"fontTools", "weasyprint"}


def test_libraries_and_in_process_tasks_log_only_warnings():
    loggers = settings.LOGGING["loggers"]
    assert {name: loggers[name]["level"] for name in QUIET_LIBRARIES} == dict.fromkeys(
        QUIET_LIBRARIES, "WARNING"
    )
    # No "Task ... succeeded" line per in-process task; a real worker keeps its lines.
    trace = loggers.get("celery.app.trace", {}).get("level")
    assert trace == ("WARNING" if settings.CELERY_TASK_ALWAYS_EAGER else None)


@pytest.mark.django_db
def test_seed_demo_twice_changes_nothing(capsys, caplog):
    with caplog.at_level(logging.DEBUG):
        call_command("seed_demo")
    # `make run` prints the accounts, not a log line per demo decision or font table.
    noisy = [
        record.getMessage()
        for record in caplog.records
        if record.name == "portal.security" or record.name.split(".")[0] in QUIET_LIBRARIES
    ]
    assert noisy == []
    first = _demo_counts()
    call_command("seed_demo")
    assert _demo_counts() == first
    assert User.objects.exclude(staff_role="").count() == 5  # one per staff role
    # The core's own waiting requests (service apps add reviews of their own kinds).
    from portal.models import Review

    assert Review.objects.filter(kind__startswith="portal.").count() == 2
    assert first["Organisation"] >= 4
    output = capsys.readouterr().out
    assert "regulator@example.com" in output and "demo-portal-2026" in output


@pytest.mark.django_db
def test_demo_accounts_can_sign_in(client):
    call_command("seed_demo")
    response = client.post(
        "/fr/accounts/login/", {"login": "operator@example.com", "password": "demo-portal-2026"}
    )
    assert response["Location"] == "/fr/dashboard/"


@pytest.mark.django_db
def test_outbox_is_for_administrators_only(client, alice):
    client.force_login(alice)
    assert client.get("/fr/outbox/").status_code == 302
    alice.is_superuser = True
    alice.save()
    assert client.get("/fr/outbox/").status_code == 200
