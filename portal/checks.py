"""System checks of our own, next to Django's `check --deploy`."""

from django.conf import settings
from django.core.checks import Error, Warning, register


@register(deploy=True)
def secret_key_from_environment(app_configs, **kwargs):
    if settings.SECRET_KEY_FROM_ENV:
        return []
    return [
        Warning(
            "SECRET_KEY is not set in the environment; a development key from .local/ is used.",
            hint="Set SECRET_KEY to a long random value in production.",
            id="portal.W001",
        )
    ]


@register(deploy=True)
def database_is_configured(app_configs, **kwargs):
    import os

    if os.environ.get("DATABASE_URL"):
        return []
    return [
        Warning(
            "DATABASE_URL is not set; the embedded development PostgreSQL is in use.",
            hint="Point DATABASE_URL at the production PostgreSQL server.",
            id="portal.W002",
        )
    ]


# Caches whose counters live in each process (or whose increment is a read then a write):
# every rate limit would count per web worker.
NOT_SHARED_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
    "django.core.cache.backends.db.DatabaseCache",
}


@register(deploy=True)
def shared_cache(app_configs, **kwargs):
    """Rate limits (sign-in, PINs, licence codes…) count in the cache: production needs one
    cache shared by every worker, with an atomic increment (Redis)."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.DEBUG or backend not in NOT_SHARED_CACHES:
        return []
    return [
        Error(
            f"The cache ({backend.rsplit('.', 1)[-1]}) is not shared by the web workers: every "
            "rate limit (sign-in, PINs, licence codes) would be multiplied by their number.",
            hint="Set REDIS_URL: the cache then lives in Redis, shared by every process.",
            id="portal.E001",
        )
    ]
