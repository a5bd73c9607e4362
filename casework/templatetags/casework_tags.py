import functools

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

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


# The tabs of casework/_nav.html: (tab, label, the permission that shows it or None).
def _group_tabs() -> tuple[tuple[str, str, str | None], ...]:
    return (
        ("clients", _("Clients"), None),
        ("employers", _("Employers"), None),
        ("points", _("Service points"), None),
        ("plans", _("Service plans"), None),
        ("closures", _("Closure requests"), None),
        ("reports", _("Reports"), "casework_reports"),
        ("seats", _("Seats in use"), "portal_manage_group"),
        ("users", _("Users"), "portal_manage_group"),
    )


def _tab(label: str, url: str, active: bool) -> str:
    current = ' active" aria-current="page' if active else ""
    link = f'<a class="nav-link{current}" href="{url}">{escape(label)}</a>'
    return f'<li class="nav-item">{link}</li>'


@functools.lru_cache(maxsize=1024)
def _group_nav(
    language: str | None, prefix: str, group_id: int, tab: str, shown: frozenset[str]
) -> tuple[str, str]:
    """casework/_nav.html's HTML before and after the provider's name, for a group, the tab
    chosen and the permissions among the tabs' that the page was given."""
    urls = _group_tab_urls(language, prefix, group_id)
    service = escape(_("Summer Jobs Service"))
    items = "".join(
        f"    {_tab(label, urls[name], name == tab and name not in ('seats', 'users'))}\n"
        for name, label, permission in _group_tabs()
        if permission is None or permission in shown
    )
    return (
        f'\n<p class="text-body-secondary mb-1">{service} · ',
        f'</p>\n<nav aria-label="{service}" class="mb-3">\n  <ul class="nav nav-tabs">\n'
        f"{items}  </ul>\n</nav>\n",
    )


@register.simple_tag(takes_context=True)
def casework_nav(context, tab: str) -> SafeString:
    """A provider's header and tabs (casework/_nav.html) from Python, the fixed parts built
    once per process for each group, language, tab and permissions (issue 19)."""
    group, perms = context["group"], context.get("perms", "")
    shown = frozenset(
        permission
        for permission in ("casework_reports", "portal_manage_group")
        if permission in perms
    )
    head, tail = _group_nav(get_language(), get_script_prefix(), group.pk, tab, shown)
    return mark_safe(f"{head}{escape(group.organisation)}{tail}")  # noqa: S308 (escaped)


_MINISTRY_TABS = {
    "providers": "casework:ministry",
    "clients": "casework:ministry_clients",
    "duplicates": "casework:duplicates",
    "access": "casework:access_log",
    "reports": "casework:ministry_report",
}


@functools.lru_cache(maxsize=64)
def _ministry_nav(language: str | None, prefix: str, tab: str) -> SafeString:
    labels = {
        "providers": _("Providers"),
        "clients": _("Clients"),
        "duplicates": _("Suspected duplicates"),
        "access": _("Access log"),
        "reports": _("Reports"),
    }
    service, ministry = escape(_("Summer Jobs Service")), escape(_("Ministry"))
    items = "".join(
        f"    {_tab(labels[name], reverse(url), name == tab)}\n"
        for name, url in _MINISTRY_TABS.items()
    )
    return mark_safe(  # noqa: S308 (labels escaped, URLs reversed)
        f'\n<p class="text-body-secondary mb-1">{service} · {ministry}</p>\n'
        f'<nav aria-label="{ministry}" class="mb-3">\n  <ul class="nav nav-tabs">\n'
        f"{items}  </ul>\n</nav>\n"
    )


@register.simple_tag
def casework_ministry_nav(tab: str) -> SafeString:
    """The ministry's header and tabs (casework/_ministry_nav.html), built once per process
    for each language and tab (issue 19)."""
    return _ministry_nav(get_language(), get_script_prefix(), tab)
