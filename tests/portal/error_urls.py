"""The portal's URLs plus pages that fail on purpose, for the error-page tests."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import BadRequest, PermissionDenied
from django.urls import path

from portal import urls as portal_urls
from portal.urls import handler400, handler403, handler404, handler500  # noqa: F401


def _bad(request):
    raise BadRequest("unreadable")


def _forbidden(request):
    raise PermissionDenied


def _broken(request):
    raise RuntimeError("a bug")


urlpatterns = [
    *i18n_patterns(
        path("test-errors/400/", _bad),
        path("test-errors/403/", _forbidden),
        path("test-errors/500/", _broken),
    ),
    *portal_urls.urlpatterns,
]
