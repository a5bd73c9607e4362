"""System checks of our own, next to Django's `check --deploy`."""

from django.conf import settings
from django.core.checks import Warning, register


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
