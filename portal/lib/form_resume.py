"""Never lose a submitted form to the idle timeout (issue 17, item 16).

When the session has just timed out on a POST, the middleware (accounts.middleware) keeps
what was typed in the new, signed-out session, bound to the user who typed it, and sends
the person to the sign-in page with the form's page as `next`. The session survives the
sign-in (Django keeps an anonymous session's data when it cycles the key), and when the
same person opens that page again `{% form_resume %}` (portal.templatetags.portal_session)
hands the values to static/js/form_resume.js, which puts them back in the form's fields.
Nothing is sent again on its own: the person checks and sends the form themselves.

Passwords and the CSRF token are never kept; files cannot be (the page asks to attach them
again). Someone else signing in on the same browser gets nothing, and a kept form is
forgotten after RESUME_MAX_AGE seconds.
"""

import time
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme

SESSION_KEY = "portal_form_resume"
RESUME_MAX_AGE = 3600
MAX_CHARS = 200_000  # a form with more text than this is not kept (the session row is not a store)
# POSTs that are no form to come back to.
NOT_FORMS = {"account_logout", "account_login", "set_language", "session_renew"}
NEVER_KEPT = ("csrfmiddlewaretoken",)


def _kept(name: str) -> bool:
    return name not in NEVER_KEPT and "password" not in name.lower()


def _same_site_path(request: HttpRequest, url: str) -> str:
    """`url` as a path on this site, or "" when it points elsewhere."""
    if not url or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _page(path: str) -> str:
    """A path without its language prefix: signing in may switch to the person's language."""
    for code, _name in settings.LANGUAGES:
        if path.startswith(f"/{code}/"):
            return path[len(code) + 1 :]
    return path


def is_form_post(request: HttpRequest) -> bool:
    if request.method != "POST":
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.url_name not in NOT_FORMS


def keep_posted_form(request: HttpRequest, *, user_id: int) -> str:
    """Keep the POST's values in the (new) session for `user_id`; return the page to come
    back to: the page the form was on (the Referer, when it is on this site), else the
    URL the form was sent to."""
    back = _same_site_path(request, request.headers.get("referer", "")) or (request.get_full_path())
    data = {name: request.POST.getlist(name) for name in request.POST if _kept(name)}
    if sum(len(v) for values in data.values() for v in values) > MAX_CHARS:
        data = {}
    request.session[SESSION_KEY] = {
        "user": user_id,
        "path": back,
        "data": data,
        "files": bool(request.FILES),
        "at": int(time.time()),
    }
    return back


def take_kept_form(request: HttpRequest) -> dict[str, Any] | None:
    """The values kept for this page and this user, once (then forgotten). A kept form of
    another user, or too old, is dropped."""
    kept = request.session.get(SESSION_KEY)
    if not kept or not request.user.is_authenticated:
        return None
    if kept["user"] != request.user.pk or time.time() - kept["at"] > RESUME_MAX_AGE:
        del request.session[SESSION_KEY]
        return None
    if request.method != "GET" or _page(kept["path"]) != _page(request.get_full_path()):
        return None
    del request.session[SESSION_KEY]
    return kept
