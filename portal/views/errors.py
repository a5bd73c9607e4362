"""Error pages (400, 403, 404, 429, 500, 503, CSRF failure) in the portal's layout and the page's
language: each says why the page is not shown and what to do next.

A view may explain a refusal: `raise PermissionDenied(_("Owner search is for verified
owners…"))` shows that sentence on the 403 page. Only messages given that way are shown;
other errors show the generic text."""

import logging
import sys

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.functional import Promise

log = logging.getLogger("portal.errors")


def _explanation(exception) -> str:
    """A refusal's own message, when the code gave one on purpose (a str or lazy string)."""
    args = getattr(exception, "args", ())
    if isinstance(exception, PermissionDenied) and args and isinstance(args[0], str | Promise):
        return str(args[0])
    return ""


def _render(request, status: int, template: str, context: dict | None = None) -> HttpResponse:
    body = loader.render_to_string(f"errors/{template}.html", context or {}, request=request)
    return HttpResponse(body, status=status)


def bad_request(request, exception=None, explanation: str = ""):
    return _render(request, 400, "400", {"explanation": explanation})


def permission_denied(request, exception=None):
    return _render(request, 403, "403", {"explanation": _explanation(exception)})


def page_not_found(request, exception=None):
    return _render(request, 404, "404")


def too_many_requests(request, exception=None):
    """A rate limit refused the request (allauth's sign-in and sign-up limits call this through
    `portal.urls.handler429`): say that waiting a few minutes is enough."""
    return _render(request, 429, "429")


# The database is unreachable (restarting, failing over, out of connections): the page says
# so with 503 and when to try again, instead of an error of the portal.
DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_unavailable(request=None) -> HttpResponse:
    """503 in the page's language, rendered without the database (no user, no menus)."""
    context = {"SITE_NAME": settings.SITE_NAME, "SUPPORT_EMAIL": settings.SUPPORT_EMAIL}
    body = loader.render_to_string("errors/503.html", context)
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    """The layout needs the database (signed-in user, groups): if that is what failed, a
    page without it. An unreachable database answers 503 (`database_unavailable`)."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return database_unavailable(request)
    try:
        return _render(request, 500, "500")
    except Exception:  # noqa: BLE001 - the error page must never fail
        log.exception("the 500 page could not be rendered with the layout")
        body = loader.render_to_string("errors/500_plain.html", {})
        return HttpResponseServerError(body)


def csrf_failure(request, reason: str = ""):
    """A form sent without a valid security token: usually an old tab or blocked cookies."""
    log.info("csrf failure path=%s reason=%s", request.path, reason)
    return _render(request, 403, "csrf")
