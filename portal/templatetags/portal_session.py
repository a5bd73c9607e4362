"""The session-timeout warning dialog and the form given back after signing in again
(issue 17, item 16), both placed once by base.html."""

from django import template
from django.utils.safestring import SafeString

from portal.lib.form_resume import take_kept_form

register = template.Library()


@register.simple_tag(takes_context=True)
def session_timeout_dialog(context) -> SafeString:
    """The idle-timeout warning, for a signed-in person; built by portal/layout.py, which
    base.html's footer places (issue 19)."""
    from portal import layout

    return SafeString(layout.timeout_dialog(context))


@register.inclusion_tag("portal/session/form_resume.html", takes_context=True)
def form_resume(context) -> dict:
    """What the person typed before their session ended, for this page (once)."""
    request = context.get("request")
    signed_in = getattr(request, "user", None) is not None and hasattr(request, "session")
    kept = take_kept_form(request) if signed_in else None
    if not kept:
        return {"kept": None}
    return {"kept": kept["data"], "files": kept["files"]}
