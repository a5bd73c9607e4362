from urllib.parse import urlencode

from django import template
from django.utils.safestring import SafeString

from portal.console.offices import office_label as _office_label

register = template.Library()


@register.simple_tag
def query(base: dict, **changes) -> str:
    """The queue's query string: the current filters with some changed (empty ones left out)."""
    params = {**base, **changes}
    return "?" + urlencode({k: v for k, v in params.items() if v not in ("", None, 1)})


@register.filter
def office_label(key: str) -> str:
    return _office_label(key)


@register.simple_tag(takes_context=True)
def console_nav(context) -> SafeString:
    """The header's « Inbox » link with what waits for the person and how much is late (one
    statement, for office staff only), built in Python (portal.layout, issue 19)."""
    from portal import layout

    return SafeString(layout.console_nav(context))
