"""The session-timeout warning dialog and the form given back after signing in again
(issue 17, item 16), both placed once by base.html."""

from django import template
from django.conf import settings

from accounts.middleware import session_remaining
from portal.lib.form_resume import take_kept_form

register = template.Library()

WARN_BEFORE = 120  # seconds: the warning shows two minutes before the end


@register.inclusion_tag("portal/session/timeout_dialog.html", takes_context=True)
def session_timeout_dialog(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)  # an error page may come before the middleware
    if user is None or not user.is_authenticated:
        return {"show": False}
    warn_before = min(WARN_BEFORE, settings.SESSION_IDLE_TIMEOUT // 2)
    return {
        "show": True,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "remaining": session_remaining(request),
        "warn_before": warn_before,
        "warn_minutes": max(warn_before // 60, 1),
        "idle_minutes": settings.SESSION_IDLE_TIMEOUT // 60,
    }


@register.inclusion_tag("portal/session/form_resume.html", takes_context=True)
def form_resume(context) -> dict:
    """What the person typed before their session ended, for this page (once)."""
    request = context.get("request")
    signed_in = getattr(request, "user", None) is not None and hasattr(request, "session")
    kept = take_kept_form(request) if signed_in else None
    if not kept:
        return {"kept": None}
    return {"kept": kept["data"], "files": kept["files"]}
