"""The project package and the shared core app."""

from portal.celery import app as celery_app

__all__ = ["celery_app"]
