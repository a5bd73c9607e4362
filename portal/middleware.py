"""Two rules for every response (issue 18).

PrivateCacheMiddleware: a page shown to a signed-in user, or one that starts a session, is
nobody else's: `Cache-Control: private, no-store`, so neither a shared cache nor the back
button of a shared computer shows it again. A view that set its own Cache-Control keeps it.
It sits before SessionMiddleware in MIDDLEWARE so that it sees the session cookie.

NulInputMiddleware: PostgreSQL cannot store a NUL character. Forms refuse it with a field
error (Django's CharField does); a value a view reads outside a form reaches the database and
fails there: that failure is answered 400 with the reason, in the page's language, not 500.
"""

import logging

from django.conf import settings
from django.db import DataError
from django.utils.translation import gettext as _

from portal.views.errors import bad_request

log = logging.getLogger("portal.errors")

PRIVATE = "private, no-store"


class PrivateCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        if signed_in or settings.SESSION_COOKIE_NAME in response.cookies:
            response["Cache-Control"] = PRIVATE
        return response


def request_has_nul(request) -> bool:
    values = [*request.GET.lists(), *request.POST.lists()]
    names = [f.name or "" for files in request.FILES.lists() for f in files[1]]
    return (
        "\x00" in request.path
        or any("\x00" in key or any("\x00" in str(v) for v in vs) for key, vs in values)
        or any("\x00" in n for n in names)
    )


class NulInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not (isinstance(exception, DataError) and "NUL" in str(exception)):
            return None
        if not request_has_nul(request):
            return None  # the NUL came from elsewhere: a real server error
        log.info("NUL character refused path=%s", request.path)
        explanation = _(
            "What you sent contains an invisible character (NUL), often brought by a copy and "
            "paste, that cannot be saved. Go back, type the text again and send it."
        )
        return bad_request(request, explanation=explanation)
