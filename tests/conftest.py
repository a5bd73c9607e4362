"""Fixtures shared by every test: personas, an empty cache, tasks in-process by default."""

import os

import pytest
from django.core.cache import cache

from tests.factories import GroupFactory, UserFactory, make_member

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made by
# the tests themselves are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# What the settings asked for, before the fixture below turned it off (tests/portal/test_setup.py).
CONFIGURED_CONN_MAX_AGE: dict[str, int | None] = {}


@pytest.fixture(autouse=True, scope="session")
def _connections_closed_after_each_request():
    """Production keeps connections open (DB_CONN_MAX_AGE). In tests, the live server answers
    each request in a new thread, and each would leave its connection open until PostgreSQL
    refuses more clients; so tests close a connection at the end of every request."""
    from django.db import connections

    for alias in connections:
        CONFIGURED_CONN_MAX_AGE[alias] = connections.settings[alias]["CONN_MAX_AGE"]
        connections.settings[alias]["CONN_MAX_AGE"] = 0
    for connection in connections.all(initialized_only=True):
        connection.settings_dict["CONN_MAX_AGE"] = 0
    yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Hashing with the production hasher takes ~0.1 s per user; tests create hundreds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate-limit counters live in the cache; each test starts with none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _tasks_in_process():
    """Tasks run in-process unless a test asks for the real worker (tests/worker.py)."""
    from portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _private_files_in_tmp(settings, tmp_path):
    from django.core.files.storage import storages

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    storages._storages.pop("private", None)
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    yield
    storages._storages.pop("private", None)


# Personas (named as in healthchecks' tests): alice and bob share things, charlie is the
# outsider from another organisation, dana is office staff.
@pytest.fixture
def alice(db):
    return UserFactory(email="alice@example.org", first_name="Alice", last_name="Martin")


@pytest.fixture
def bob(db):
    return UserFactory(email="bob@example.org", first_name="Bob", last_name="Tremblay")


@pytest.fixture
def charlie(db):
    return UserFactory(email="charlie@example.org", first_name="Charlie", last_name="Roy")


@pytest.fixture
def english_user(db):
    return UserFactory(email="erin@example.org", first_name="Erin", language="en")


@pytest.fixture
def dana(db):
    """Office staff of the regulator (job board)."""
    return UserFactory(email="dana@example.org", first_name="Dana", staff_role="regulator")


@pytest.fixture
def sam(db):
    """Office staff of the certification office (another service)."""
    return UserFactory(email="sam@example.org", first_name="Sam", staff_role="certification_office")


class World:
    """Two organisations: Acme (alice manages, bob is a member) and Globex (charlie manages)."""

    def __init__(self, alice, bob, charlie):
        self.alice, self.bob, self.charlie = alice, bob, charlie
        self.acme = GroupFactory(organisation__legal_name="Acme inc.")
        self.globex = GroupFactory(organisation__legal_name="Globex ltée")
        self.alice_in_acme = make_member(alice, self.acme, ["manager"])
        self.bob_in_acme = make_member(bob, self.acme, [])
        self.charlie_in_globex = make_member(charlie, self.globex, ["manager"])


@pytest.fixture
def world(alice, bob, charlie):
    return World(alice, bob, charlie)
