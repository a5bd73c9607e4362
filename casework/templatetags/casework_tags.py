import functools

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def notice_section(notice, name: str, language: str) -> str:
    """One section of the notice of collection in the reader's language."""
    return notice.section(name, language or "en")


_GROUP_TABS = {
    "clients": "casework:clients",
    "employers": "casework:employers",
    "points": "casework:service_points",
    "plans": "casework:plan_list",
    "closures": "casework:closure_queue",
    "reports": "casework:report",
    "seats": "seats",
    "users": "group_detail",
}


@functools.lru_cache(maxsize=1024)
def _group_tab_urls(language: str | None, prefix: str, group_id: int) -> dict[str, str]:
    return {tab: reverse(name, args=[group_id]) for tab, name in _GROUP_TABS.items()}


@register.simple_tag
def casework_tab_urls(group) -> dict[str, str]:
    """The URLs of a provider's tabs (casework/_nav.html), reversed once per process for each
    group and language: every provider page shows them (issue 19)."""
    return _group_tab_urls(get_language(), get_script_prefix(), group.pk)
