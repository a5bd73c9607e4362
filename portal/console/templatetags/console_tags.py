from urllib.parse import urlencode

from django import template

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


@register.inclusion_tag("console/_nav.html", takes_context=True)
def console_nav(context) -> dict:
    """The header's « Inbox » link with what waits for the person and how much is late (one
    statement, for office staff only)."""
    from portal.console.queries import header_counts

    request = context.get("request")
    user = getattr(request, "user", None)
    # The queue's page counted them already (queries.queue_page) when it covers every office.
    counts = getattr(request, "console_header_counts", None)
    if counts is None and user is not None:
        counts = header_counts(user)
    return {"counts": counts, "request": request}
