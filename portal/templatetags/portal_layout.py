"""The layout's parts built in Python (portal/layout.py), placed by base.html (issue 19)."""

from django import template
from django.utils.safestring import SafeString

from portal import layout
from portal.templatetags.portal_forms import page_errors
from portal.templatetags.portal_session import form_resume

register = template.Library()


@register.simple_tag(takes_context=True)
def layout_head(context) -> SafeString:
    return SafeString(layout.page_chrome(context).head)


@register.simple_tag(takes_context=True)
def layout_header(context) -> SafeString:
    return SafeString(layout.header(context))


@register.simple_tag(takes_context=True)
def layout_header_end(context) -> SafeString:
    return SafeString(layout.header_end(context))


@register.simple_tag(takes_context=True)
def layout_service_identity(context) -> SafeString:
    return SafeString(layout.service_identity(context))


@register.simple_tag(takes_context=True)
def layout_main_top(context) -> SafeString:
    """The messages, a form given back after signing in again and the page's error summary
    (issue 17): each template rendered only when it has something to show."""
    out = layout.messages(context)
    kept = form_resume(context)
    if kept["kept"] is not None:
        out += _render(context, "portal/session/form_resume.html", kept)
    errors = page_errors(context)
    if errors:
        out += _render(context, "portal/forms/error_summary.html", {"errors": errors})
    return SafeString(out)


@register.simple_tag(takes_context=True)
def layout_footer(context) -> SafeString:
    return SafeString(layout.footer(context))


def _render(context, name: str, values: dict) -> str:
    """As an inclusion tag renders its template."""
    values = {**values, "csrf_token": context.get("csrf_token")}
    return context.template.engine.get_template(name).render(context.new(values))
