"""Security log of sign-ins (no passwords or codes are ever logged)."""

import logging
import time

from allauth.account.signals import user_logged_in
from django.contrib.auth.signals import user_logged_out, user_login_failed
from django.dispatch import receiver

from accounts.middleware import SESSION_SEEN, SESSION_STARTED
from accounts.seats import seat_release

security_log = logging.getLogger("portal.security")


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


@receiver(user_logged_in)
def on_sign_in(sender, request, user, **kwargs):
    now = int(time.time())
    request.session[SESSION_STARTED] = now
    request.session[SESSION_SEEN] = now
    security_log.info("sign-in user=%s ip=%s", user.pk, _client_ip(request))


@receiver(user_login_failed)
def on_sign_in_failed(sender, credentials, request=None, **kwargs):
    security_log.warning("sign-in failed ip=%s", _client_ip(request))


@receiver(user_logged_out)
def on_sign_out(sender, request, user, **kwargs):
    # Sign-out and the idle/absolute timeouts (the middleware signs out) free the seat.
    if request is not None and hasattr(request, "session"):
        seat_release(session_key=request.session.session_key)
