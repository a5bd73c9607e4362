"""Idle and absolute session timeouts (ASVS 7.3): a session ends after SESSION_IDLE_TIMEOUT
seconds without a request, or SESSION_ABSOLUTE_TIMEOUT seconds after sign-in.

Two minutes before the end, static/js/session_timeout.js warns and offers to stay signed in
(portal.views.session): asking how long is left does not count as activity. A form sent
after the end is kept and given back after the next sign-in (portal.lib.form_resume)."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.seats import SESSION_SEATED, seat_touch
from portal.lib import form_resume

SESSION_STARTED = "portal_session_started"
SESSION_SEEN = "portal_session_seen"
STATUS_URL_NAME = "session_status"  # answers how long is left without renewing the session


def session_remaining(request, now: int | None = None) -> int:
    """Seconds before the signed-in session ends (idle or absolute timeout, the sooner)."""
    now = int(time.time()) if now is None else now
    started = request.session.get(SESSION_STARTED, now)
    seen = request.session.get(SESSION_SEEN, now)
    left = min(
        settings.SESSION_IDLE_TIMEOUT - (now - seen),
        settings.SESSION_ABSOLUTE_TIMEOUT - (now - started),
    )
    return max(left, 0)


def session_touch(request, now: int | None = None) -> None:
    """Count this request as activity: the idle timeout starts again."""
    request.session[SESSION_SEEN] = int(time.time()) if now is None else now
    if request.session.get(SESSION_SEATED, True):
        seat_touch(session_key=request.session.session_key)


def _sign_in_again(request, back: str) -> HttpResponse:
    login = f"{reverse('account_login')}?{urlencode({'next': back})}"
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = login
        return response
    return HttpResponseRedirect(login)


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            request.session.setdefault(SESSION_STARTED, now)
            seen = request.session.get(SESSION_SEEN, now)
            if session_remaining(request, now) <= 0:
                user_id = request.user.pk
                keep = form_resume.is_form_post(request)
                logout(request)
                if keep:
                    back = form_resume.keep_posted_form(request, user_id=user_id)
                    messages.info(
                        request,
                        _(
                            "Your session had expired. Sign in again: you will come back to "
                            "your form with what you typed."
                        ),
                    )
                    return _sign_in_again(request, back)
                messages.info(request, _("Your session has expired. Please sign in again."))
            elif (
                now - seen >= 60 or SESSION_SEEN not in request.session
            ) and not self._is_status_check(request):
                # Written at most once a minute, to spare a session save on every request;
                # asking how long is left is not activity.
                session_touch(request, now)
        return self.get_response(request)

    @staticmethod
    def _is_status_check(request) -> bool:
        return request.path_info == reverse(STATUS_URL_NAME)
