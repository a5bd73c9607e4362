"""Two gunicorn worker processes (4 threads each, as the image runs them) serving the test
database with the shared Redis cache, to prove that a rate limit holds across processes.

    from tests.two_workers import REASON, two_workers  # noqa: F401 (the fixture)

    def test_x(two_workers):
        cookies = two_workers.cookies(user)
        pages = two_workers.at_once(30, lambda i: two_workers.post(cookies, "/fr/…", {...}))

Data made by the test is committed (transactional_db) so the workers see it; a user's session
is made here (force_login) and its cookie sent with each request."""

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from threading import Barrier
from urllib.parse import quote

import pytest
import requests
from django.conf import settings
from django.db import connection
from django.test import Client

REASON = "needs REDIS_URL: the two workers share their rate limits through Redis (CI sets it)"
CSRF = "throttletestcsrfsecret0123456789"  # 32 characters: an unmasked token Django accepts
ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _test_database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class TwoWorkers:
    def __init__(self, base_url: str):
        self.base_url = base_url

    @staticmethod
    def cookies(user=None) -> dict:
        """A CSRF cookie, and a session of `user` (made here: the workers read it)."""
        cookies = {settings.CSRF_COOKIE_NAME: CSRF}
        if user is not None:
            client = Client()
            client.force_login(user)
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            cookies[settings.SESSION_COOKIE_NAME] = session
        return cookies

    def post(self, cookies: dict, path: str, data: dict) -> requests.Response:
        """A form sent with `cookies` (from `cookies()`) and the CSRF token."""
        return requests.post(
            self.base_url + path,
            data=data,
            cookies=cookies,
            headers={"X-CSRFToken": CSRF},
            allow_redirects=False,
            timeout=60,
        )

    @staticmethod
    def at_once(count: int, send) -> list:
        """`send(i)` for i in range(count), all released together."""
        barrier = Barrier(count)

        def run(index):
            barrier.wait()
            return send(index)

        with ThreadPoolExecutor(max_workers=count) as pool:
            return list(pool.map(run, range(count)))


@pytest.fixture
def two_workers(transactional_db, tmp_path):
    if not os.environ.get("REDIS_URL"):
        pytest.skip(REASON)
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _test_database_url(),
        "DB_CONN_MAX_AGE": "0",  # no connection left open on the test database
        "SECRET_KEY": settings.SECRET_KEY,  # the sessions made here are valid there
        "DEBUG": "",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
    }
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(  # noqa: S603 - our own command line
        [
            *(sys.executable, "-m", "gunicorn", "portal.wsgi:application"),
            *("--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4"),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(server, base_url, tmp_path / "gunicorn.log")
        yield TwoWorkers(base_url)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _wait_until_ready(server, base_url: str, log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn stopped:\n{log.read_text()}")
        try:
            if requests.get(base_url + "/healthz", timeout=5).status_code == 200 and (
                len(_children(server.pid)) == 2
            ):
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer with two workers:\n{log.read_text()}")


def _children(pid: int) -> list[int]:
    """The worker processes gunicorn forked (read from /proc, no extra package)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children
