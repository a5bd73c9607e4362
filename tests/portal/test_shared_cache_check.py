"""Issue 18 (1): rate limits count in the cache, so production refuses a cache that each web
worker keeps for itself (its limits would be multiplied by the number of workers)."""

import os
import subprocess
import sys

import pytest

from portal.checks import shared_cache

NOT_SHARED = [
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
    "django.core.cache.backends.db.DatabaseCache",
]


@pytest.mark.parametrize("backend", NOT_SHARED)
def test_a_cache_of_each_process_is_an_error_in_production(settings, backend):
    settings.DEBUG = False
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": "x"}}
    [error] = shared_cache(None)
    assert error.id == "portal.E001" and error.is_serious()
    assert backend.rsplit(".", 1)[-1] in error.msg and "REDIS_URL" in error.hint


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.cache.backends.redis.RedisCache",
        "django.core.cache.backends.memcached.PyMemcacheCache",
    ],
)
def test_redis_or_memcached_is_shared(settings, backend):
    settings.DEBUG = False
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": "redis://127.0.0.1:6379/1"}}
    assert shared_cache(None) == []


def test_development_may_use_the_memory_cache(settings):
    settings.DEBUG = True
    settings.CACHES = {"default": {"BACKEND": NOT_SHARED[0]}}
    assert shared_cache(None) == []


def test_check_deploy_fails_without_redis_url():
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DEBUG"}}
    env["SECRET_KEY"] = "x" * 20 + "production-secret-key-with-enough-entropy-1234567890"
    env["DATABASE_URL"] = env.get("DATABASE_URL") or "postgres://portal@127.0.0.1:5432/portal"
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "portal.E001" in output and "LocMemCache" in output
