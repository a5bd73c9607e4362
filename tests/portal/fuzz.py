"""The form fuzzer of tests/portal/test_fuzz_forms.py: finds the portal's POST forms the way a
visitor does (every demo role follows the links of its pages, one page per URL pattern), then
posts each form once per kind of bad input, starting from the values the page itself filled.

Kept apart from the test so that the test reads as a list of rules."""

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, resolve

# Pages the crawl does not open: not HTML, or ends the visit (sign-out asks first on GET, so
# its page is crawled; only its POST is skipped below).
SKIP_PREFIXES = ("/static/", "/media/", "/admin/")
# POST URLs the fuzzer leaves out, with why: they end the very session the fuzz runs in.
SKIP_POST = {
    "account_logout": "signs the fuzzing session out",
    "usersessions_list": "ends the fuzzing sessions",
    "set_language": "covered by tests/portal/test_safe_next.py",
}
PAGES_PER_PATTERN = 1  # per user; a search results page counts apart


@dataclass
class Form:
    action: str
    url_name: str
    page: str
    fields: list[dict] = field(default_factory=list)  # name, type, value, options, multiple

    def base(self) -> list[tuple[str, object]]:
        """What the page itself would send: values as filled, first option chosen."""
        data: list[tuple[str, object]] = []
        for f in self.fields:
            kind = f["type"]
            if kind in {"checkbox", "radio"}:
                if f.get("checked"):
                    data.append((f["name"], f["value"] or "on"))
            elif kind == "file":
                continue
            elif kind == "select":
                options = f["options"]
                chosen = f["value"] if f["value"] is not None else (options[:1] or [""])[0]
                data.append((f["name"], chosen))
            elif kind == "submit":
                continue
            else:
                data.append((f["name"], f["value"] or ""))
        submit = next((f for f in self.fields if f["type"] == "submit"), None)
        if submit:
            data.append((submit["name"], submit["value"] or ""))
        # A radio group with nothing checked: the first value.
        names = {name for name, _ in data}
        for f in self.fields:
            if f["type"] == "radio" and f["name"] not in names:
                data.append((f["name"], f["value"]))
                names.add(f["name"])
        return data

    def of_type(self, *kinds: str) -> list[str]:
        return sorted({f["name"] for f in self.fields if f["type"] in kinds})


TEXT_TYPES = ("text", "textarea", "hidden", "search", "email", "url", "tel", "password", "")


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.links: list[str] = []
        self._form: dict | None = None
        self._select: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {
                "method": (a.get("method") or "get").lower(),
                "action": a.get("action"),
                "fields": [],
            }
            self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in {"image", "reset", "button"}:
                return
            self._form["fields"].append(
                {
                    "name": a["name"],
                    "type": kind,
                    "value": a.get("value") or "",
                    "checked": "checked" in a,
                }
            )
        elif tag == "button" and (a.get("type") or "submit") == "submit":
            field_ = {"name": a["name"], "type": "submit", "value": a.get("value") or ""}
            self._form["fields"].append(field_)
        elif tag == "select":
            self._select = {
                "name": a["name"],
                "type": "select",
                "value": None,
                "options": [],
                "multiple": "multiple" in a,
            }
            self._form["fields"].append(self._select)
        elif tag == "textarea":
            self._textarea = {"name": a["name"], "type": "textarea", "value": ""}
            self._form["fields"].append(self._textarea)
        if tag == "option" and self._select is not None:
            value = a.get("value", "")
            self._select["options"].append(value)
            if "selected" in a:
                self._select["value"] = value

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _url_name(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


def plain_urls(language: str = "fr") -> list[str]:
    """Every named URL pattern of the portal that needs no argument, in the given language
    (pages with ids are reached through the links of these)."""
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    from tests.foreign_walk import url_names

    urls = []
    with translation.override(language):
        for name in sorted(url_names()):
            if name.startswith("admin:"):
                continue
            try:
                urls.append(reverse(name))
            except NoReverseMatch:
                continue
    return urls


# Pages that show the same forms to everyone: the core's public pages (tests/foreign_walk.py)
# but for those that show the user's own things, and the account pages of allauth. Crawled by
# the first user only; a service's pages are crawled by every user.
OWN_PAGES = {"dashboard", "profile", "my_groups", "staff_inbox"}
SAME_FOR_EVERYONE = {
    "home", "privacy", "accessibility", "terms", "organisation_search", "organisation_detail",
    "organisation_new", "group_new", "group_join", "healthz", "robots_txt",
}  # fmt: skip


def _same_for_everyone(name: str) -> bool:
    from tests.foreign_walk import PUBLIC_PREFIXES

    return name in SAME_FOR_EVERYONE or name.startswith(PUBLIC_PREFIXES)


def crawl(
    client, start: list[str], shared: set[str] | None = None, max_pages: int = 400
) -> tuple[dict[str, Form], int]:
    """Breadth-first over the site's links as the client's user: one page per URL pattern
    (and once more with a query string); `shared` holds the pages the same for everyone
    that an earlier crawl already read. Returns the POST forms by URL name, and the pages seen."""
    shared = set() if shared is None else shared
    seen_patterns: dict[str, int] = {}
    queue = deque(start)
    queued = set(start)
    forms: dict[str, Form] = {}
    pages = 0
    while queue and pages < max_pages:
        url = queue.popleft()
        name = _url_name(url)
        # A pattern once bare and once with a query string (a search's results).
        key = f"{name}?" if "?" in url else str(name)
        if name is None or key in shared or seen_patterns.get(key, 0) >= PAGES_PER_PATTERN:
            continue
        seen_patterns[key] = seen_patterns.get(key, 0) + 1
        if _same_for_everyone(name):
            shared.add(key)
        response = client.get(url)
        pages += 1
        location = response.get("Location", "") if response.status_code in {301, 302} else ""
        if location.startswith("/") and location not in queued:
            queued.add(location)
            queue.append(location)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _FormParser()
        parser.feed(response.content.decode("utf-8", "replace"))
        links = list(parser.links)
        for raw in parser.forms:
            if raw["method"] != "post":
                # A search form, submitted as filled: its results link to the objects.
                target = urljoin(url, raw["action"] or url)
                search = Form("", "", "", raw["fields"])
                query = urlencode(_replace(search.base(), search.of_type("text", "search"), "a"))
                links.append(f"{urlsplit(target).path}?{query}")
                continue
            action = urljoin(url, raw.get("hx-post") or raw["action"] or url)
            action_name = _url_name(action)
            if action_name is None or action_name in SKIP_POST or action_name in forms:
                continue
            forms[action_name] = Form(urlsplit(action).path, action_name, url, raw["fields"])
        for href in links:
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.netloc not in {"", "testserver"} or parts.path.startswith(SKIP_PREFIXES):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local not in queued:
                queued.add(local)
                queue.append(local)
    return forms, pages


# Payloads: each kind is one request per form.
TEN_K = "é" * 5000 + "x" * 5000
RTL = "\u202eabc\u200f שלום مرحبا \u202d🎉\u200b"
SQL = "' OR '1'='1'; DROP TABLE portal_organisation; --"
HTML = '<script>alert(1)</script><img src=x onerror="alert(1)">"\'><svg/onload=alert(1)>'
NUL = "a\x00b"
HUGE = "9" * 40
NUMBER_TYPES = ("number", "range")
DATE_TYPES = ("date", "datetime-local", "month", "week", "time")
CHOICE_TYPES = ("select", "radio", "checkbox")


def _replace(data, names, value):
    names = set(names)
    sent = [(k, value if k in names else v) for k, v in data]
    present = {k for k, _ in data}
    sent += [(k, value) for k in sorted(names - present)]
    return sent


def _all_names(form: Form) -> list[str]:
    return sorted({f["name"] for f in form.fields if f["type"] != "file"} - {"csrfmiddlewaretoken"})


def pdf_html_polyglot(name="plan.pdf") -> SimpleUploadedFile:
    body = b"%PDF-1.4\n<!DOCTYPE html><html><script>alert(document.cookie)</script></html>\n%%EOF"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def payloads(form: Form, max_upload: int) -> dict[str, list[tuple[str, object]]]:
    """One body per kind of bad input, built from the page's own values."""
    base = form.base()
    everything = _all_names(form)
    texts = form.of_type(*TEXT_TYPES)
    numbers = form.of_type(*NUMBER_TYPES) or texts
    dates = form.of_type(*DATE_TYPES) or texts
    choices = form.of_type(*CHOICE_TYPES) or everything
    bodies = {
        "empty": [(k, "") for k in everything],
        "10k characters": _replace(base, everything, TEN_K),
        "RTL and emoji": _replace(base, everything, RTL),
        "NUL": _replace(base, everything, NUL),
        "SQL": _replace(base, everything, SQL),
        "HTML": _replace(base, everything, HTML),
        "negative numbers": _replace(base, numbers, "-1"),
        "huge numbers": _replace(base, numbers, HUGE),
        "bad dates": _replace(base, dates, "2027-02-30"),
        "wrong choices": _replace(base, choices, "not-a-choice-999999999"),
        "duplicated fields": base + [(k, v + "-second") for k, v in base if isinstance(v, str)],
    }
    files = form.of_type("file")
    if files:
        bodies["wrong file"] = base + [
            (n, SimpleUploadedFile("../../etc/" + "x" * 300 + ".pdf", b"MZ\x90\x00 exe"))
            for n in files
        ]
        bodies["polyglot file"] = base + [(n, pdf_html_polyglot()) for n in files]
        big = b"%PDF-1.4\n" + b"0" * (max_upload + 1)
        bodies["oversized file"] = base + [
            (n, SimpleUploadedFile("big.pdf", big, content_type="application/pdf")) for n in files
        ]
    return bodies


def as_post_data(pairs: list[tuple[str, object]]) -> dict[str, list]:
    data: dict[str, list] = {}
    for key, value in pairs:
        data.setdefault(key, []).append(value)
    return data
