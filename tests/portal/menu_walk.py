"""Helpers of the menu walk (tests/portal/test_menu_walk.py): the demo personas, the links
a page shows in its header, its menus (<nav>) and its main part, and following them."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from importlib import import_module
from urllib.parse import urlsplit

from django.apps import apps

from portal.demo import DEMO_ACCOUNTS, EXTRA_PEOPLE, DemoAccount

SKIPPED_PREFIXES = ("/static/", "/media/", "/admin/")


def demo_personas() -> list[DemoAccount]:
    """Everyone `seed_demo` prints: the core's accounts and each app's DEMO_PEOPLE."""
    people = list(DEMO_ACCOUNTS + EXTRA_PEOPLE)
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.demo":
                raise
            continue
        known = {p.email for p in people}
        people += [p for p in getattr(module, "DEMO_PEOPLE", []) if p.email not in known]
    return people


@dataclass
class PageLinks(HTMLParser):
    """Same-site links of a page, by where they are: header, nav (menus), main."""

    header: list[str] = field(default_factory=list)
    nav: list[str] = field(default_factory=list)
    main: list[str] = field(default_factory=list)
    every: list[str] = field(default_factory=list)

    def __post_init__(self):
        super().__init__()
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"header", "nav", "main", "footer"}:
            self._open.append(tag)
        if tag != "a":
            return
        href = same_site(dict(attrs).get("href") or "")
        if not href:
            return
        self.every.append(href)
        for place in ("header", "nav", "main"):
            if place in self._open:
                getattr(self, place).append(href)

    def handle_endtag(self, tag):
        if tag in {"header", "nav", "main", "footer"} and tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag)]


def same_site(href: str) -> str:
    """The path (and query) of a link to this site, or "" for another site, a fragment, an
    e-mail address, a file or the admin."""
    parts = urlsplit(href)
    if parts.scheme not in {"", "http", "https"} or parts.netloc not in {"", "testserver"}:
        return ""
    if not parts.path.startswith("/") or parts.path.startswith(SKIPPED_PREFIXES):
        return ""
    return parts.path + (f"?{parts.query}" if parts.query else "")


def links_of(html: str) -> PageLinks:
    parser = PageLinks()
    parser.feed(html)
    return parser


@dataclass(frozen=True)
class Refusal:
    persona: str
    source: str
    link: str
    status: int

    def __str__(self) -> str:
        return f"{self.persona} → {self.link} (on {self.source}) → {self.status}"


def follow(client, link: str) -> tuple[int, str]:
    """GET a link, following redirects: the final status and path. A signed-in person sent
    to the sign-in page counts as refused (401)."""
    response = client.get(link, follow=True)
    final = response.redirect_chain[-1][0] if response.redirect_chain else link
    if client.session.get("_auth_user_id") and "/accounts/login/" in final:
        return 401, final
    return response.status_code, final
