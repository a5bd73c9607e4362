"""Idle and absolute session timeouts (ASVS 7.3): a session ends after SESSION_IDLE_TIMEOUT
seconds without a request, or SESSION_ABSOLUTE_TIMEOUT seconds after sign-in."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

from accounts.seats import seat_touch

SESSION_STARTED = "portal_session_started"
SESSION_SEEN = "portal_session_seen"


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault(SESSION_STARTED, now)
            seen = request.session.get(SESSION_SEEN, now)
            if (
                now - started > settings.SESSION_ABSOLUTE_TIMEOUT
                or now - seen > settings.SESSION_IDLE_TIMEOUT
            ):
                logout(request)
                messages.info(request, _("Your session has expired. Please sign in again."))
            elif now - seen >= 60 or SESSION_SEEN not in request.session:
                # Written at most once a minute, to spare a session save on every request.
                request.session[SESSION_SEEN] = now
                seat_touch(session_key=request.session.session_key)
        return self.get_response(request)
