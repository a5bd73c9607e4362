"""The employer space's menu: the user's job-board groups (switcher), their permissions, and
the menu's links, built here as plain strings (issue 19: a dozen `{% url %}` and
`{% translate %}` per page in the layout cost more than most of the pages' own work)."""

import functools

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_noop as N_

from billing.queries import cart_count
from jobboard import roles
from jobboard.employer.queries import employer_groups
from portal.access import group_permissions
from portal.roles import MANAGE_GROUP

register = template.Library()

_GROUP = 987654321  # stands for the group's id in an address reversed once

# The left menu: URL name, the permission it needs (None: every member), label, whether it
# marks the current page (aria-current). The seed's permission sheet.
MENU = (
    ("jobboard:dashboard", roles.VIEW_DASHBOARD, N_("Dashboard"), True),
    ("jobboard:performance", roles.VIEW_DASHBOARD, N_("Performance"), True),
    ("jobboard:postings", roles.VIEW_DASHBOARD, N_("My postings"), True),
    ("jobboard:packages", roles.BUY, N_("My packages"), True),
    ("jobboard:buy", roles.BUY, N_("Buy a package"), True),
    ("jobboard:communications", None, N_("My communications"), True),
    ("billing:history", roles.VIEW_TRANSACTIONS, N_("Transaction history"), True),
    ("jobboard:company", None, N_("My company"), True),
    ("jobboard:profile", None, N_("My profile"), True),
    ("group_detail", MANAGE_GROUP, N_("Users and roles"), False),
    ("api_access:page", MANAGE_GROUP, N_("API access"), True),
)


@functools.lru_cache(maxsize=256)
def _pattern(name: str, language: str | None) -> tuple[str, str] | None:
    """The address of `name` for any group, split around the group's id (None: no such
    page in this installation)."""
    try:
        url = reverse(name, args=[_GROUP])
    except NoReverseMatch:
        return None
    before, after = url.split(str(_GROUP))
    return before, after


@functools.lru_cache(maxsize=16)
def _home(language: str | None) -> str:
    return reverse("jobboard:home")


_CURRENT = mark_safe('aria-current="page"')  # noqa: S308 (fixed text)


def group_url(name: str, group_pk: int) -> str:
    """`reverse(name, args=[group_pk])` from the pattern reversed once per language ("" when
    the page does not exist)."""
    pattern = _pattern(name, translation.get_language())
    return "" if pattern is None else f"{pattern[0]}{group_pk}{pattern[1]}"


@functools.lru_cache(maxsize=512)
def _menu_links(language: str | None, group_pk: int, path: str, allowed: tuple[bool, ...]):
    """The left menu's links (address, label, current) and their items written in one go
    (escaped), kept per language, group, page and allowed entries (issue 19: the same for
    every member with the same rights; `language` is the active one, so gettext matches)."""
    links = []
    for (name, _permission, label, marks), ok in zip(MENU, allowed, strict=True):
        url = group_url(name, group_pk)
        if (url or name == "api_access:page") and ok:
            links.append((url, gettext(label), marks and url == path))
    links.append((_home(language), gettext("Back to the job site"), False))
    html = format_html_join(
        "",
        '<li class="nav-item"><a class="nav-link" href="{}" {}>{}</a></li>\n          ',
        ((url, _CURRENT if current else "", label) for url, label, current in links),
    )
    return tuple(links), html


@register.simple_tag(takes_context=True)
def employer_menu(context, group) -> dict:
    """Two queries: the groups for the switcher, the user's permissions in this group; a
    third for the cart link's count, shown to those who may buy."""
    request = context["request"]
    user = request.user
    perms = group_permissions(user, group)
    cart = None
    if roles.BUY in perms:
        # A page that read the count with its own figures gives it (one statement less).
        cart = context["cart_count"] if "cart_count" in context else cart_count(group)
    path = request.path
    language = translation.get_language()
    # Which menu entries this user may open: the menu depends on nothing else.
    allowed = tuple(permission is None or permission in perms for _n, permission, _l, _m in MENU)
    links, links_html = _menu_links(language, group.pk, path, allowed)
    groups = employer_groups(user)
    cart_url = group_url("billing:checkout", group.pk)
    create_url = group_url("jobboard:posting_create", group.pk)
    return {
        "groups": groups,
        "switch": [
            (
                group_url("jobboard:dashboard", g.pk),
                f"{g.organisation.legal_name} — {g.display_name}",
                g.pk == group.pk,
            )
            for g in groups
        ]
        if len(groups) > 1
        else [],
        "perms": perms,
        "cart": cart,
        "cart_url": cart_url,
        "cart_current": cart_url == path,
        "cart_items": ngettext("item", "items", cart) if cart is not None else "",
        "create_url": create_url if roles.MANAGE_POSTINGS in perms else "",
        "links": links,
        "links_html": links_html,
    }
