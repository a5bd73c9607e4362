"""The portal's URLs plus pages that fail on purpose, for the error-page tests."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import BadRequest, PermissionDenied
from django.db import OperationalError
from django.urls import path

from portal import urls as portal_urls
from portal.urls import handler400, handler403, handler404, handler500  # noqa: F401


def _bad(request):
    raise BadRequest("unreadable")


def _forbidden(request):
    raise PermissionDenied


def _broken(request):
    raise RuntimeError("a bug")


def _database_down(request):
    raise OperationalError('connection to server at "db", port 5432 failed: Connection refused')


urlpatterns = [
    *i18n_patterns(
        path("test-errors/400/", _bad),
        path("test-errors/403/", _forbidden),
        path("test-errors/500/", _broken),
        path("test-errors/503/", _database_down),
    ),
    *portal_urls.urlpatterns,
]
