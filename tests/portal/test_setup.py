"""Set-up and speed settings (issue 12, items 1 and 8): what a new developer and production get."""

import logging
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from kombu import Connection

from portal.lib.embedded_db import embedded_database_stop
from tests.conftest import CONFIGURED_CONN_MAX_AGE

ROOT = Path(__file__).resolve().parents[2]


def test_database_connections_persist_with_health_checks():
    database = settings.DATABASES["default"]
    assert database["CONN_HEALTH_CHECKS"] is True
    debug = os.environ.get("DEBUG", "").lower() in {"1", "true", "yes", "on"}
    assert CONFIGURED_CONN_MAX_AGE["default"] == int(
        os.environ.get("DB_CONN_MAX_AGE") or (0 if debug else 60)
    )
    assert database["DISABLE_SERVER_SIDE_CURSORS"] is True


def test_bootstrap_is_vendored_and_the_layout_uses_it(client):
    for name in ("css/bootstrap.min.css", "js/bootstrap.bundle.min.js"):
        assert finders.find(f"vendor/bootstrap/{name}"), name
    page = client.get("/fr/").content.decode()
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in page
    assert "xstatic" not in (ROOT / "pyproject.toml").read_text()


def test_the_in_process_broker_names_its_host(caplog):
    """Without Redis, kombu warned "No hostname was supplied" during seed_demo."""
    if settings.CELERY_BROKER_URL.startswith("redis"):
        pytest.skip("REDIS_URL is set")
    with caplog.at_level(logging.WARNING, logger="kombu.connection"):
        Connection(settings.CELERY_BROKER_URL).info()
    assert "hostname" not in caplog.text


@pytest.mark.skipif(not shutil.which("make"), reason="needs make")
def test_make_run_uses_the_port_for_email_links():
    out = subprocess.run(
        ["make", "-n", "run", "PORT=8123"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "HOME": "/tmp"},
    ).stdout
    assert "runserver 127.0.0.1:8123" in out
    assert "links in e-mails: http://127.0.0.1:8123" in out


def test_make_stop_with_no_embedded_server_does_nothing(tmp_path):
    assert embedded_database_stop(tmp_path) is False
