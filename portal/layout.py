"""The layout's header, messages, footer and scripts, built in Python (issue 19).

Every page of every service renders base.html, so what its layout costs is paid by each of
them. Its template nodes ({% url %}, {% static %}, {% translate %}, the menus' conditions)
cost more than half of a signed-in page whose view does nothing. Here what depends only on
the language (translated labels, reversed URLs, static files' URLs) is built once per process
and language (`chrome()`); each request adds what is its own (the current page for
aria-current, the CSRF token, the person's name, groups and messages), always escaped. The
HTML is the one the template used to write, element for element, with the same translations.

The fixed parts are kept per language, URLconf and script prefix, and forgotten when a
setting changes (tests).
"""

from dataclasses import dataclass, field
from urllib.parse import quote

from django.conf import settings
from django.core.signals import setting_changed
from django.templatetags.static import static
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.html import conditional_escape, escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_htmx.jinja import htmx_script

_GROUP_ID = 987654321  # stands for a group's id in the switcher's URL, reversed once
WARN_BEFORE = 120  # seconds: the idle-timeout warning shows two minutes before the end


def _t(translated: str) -> str:
    """A label as `{% translate %}` writes it: escaped."""
    return escape(translated)


def _url(name: str) -> str:
    return escape(reverse(name))


def _menu_item(url: str, label: str) -> tuple[str, str, str]:
    """A main-menu link (its path, the HTML before and after its aria-current)."""
    before = f'\n            <li class="nav-item"><a class="nav-link" href="{escape(url)}" '
    return url, before, f">{_t(label)}</a></li>"


@dataclass(frozen=True)
class Chrome:
    """The layout's fixed parts in one language."""

    language: str
    head: str
    header_top: str  # <body>'s content up to the brand's name
    header_menu: str  # after the brand's name, up to the main menu's first item
    menu: tuple[tuple[str, str, str], ...]  # the signed-in person's menu items
    menu_rest: str
    outbox: str
    tools: str  # the header's right-hand side opens
    language_form: str
    language_button: str
    group_url: tuple[str, str]  # before and after a group's id
    switch_group: str
    logout: str
    logout_end: str
    sign_in_url: str
    sign_up: str
    contact: str
    footer_links: str
    scripts: str
    dialog_top: str
    dialog_middle: str
    dialog_bottom: str
    sign_in_again_url: str
    dialog_end: str
    session_script: str
    service_urls: dict = field(default_factory=dict)  # a service's home, by URL name


_chromes: dict[tuple, Chrome] = {}
_htmx: list[str] = []


def _forget(**kwargs) -> None:
    _chromes.clear()
    _console_navs.clear()
    _htmx.clear()


setting_changed.connect(_forget, dispatch_uid="portal_layout_forget")


def chrome() -> Chrome:
    key = (translation.get_language(), get_urlconf(), get_script_prefix())
    found = _chromes.get(key)
    if found is None:
        found = _chromes[key] = _build()
    return found


def page_chrome(context) -> Chrome:
    """`chrome()`, looked up once per page (the header and the footer ask for it)."""
    found = context.render_context.get(_CHROME)
    if found is None:
        found = context.render_context[_CHROME] = chrome()
    return found


_CHROME = "portal.layout.chrome"


def _labels() -> dict[str, str]:
    """The layout's labels in the active language, escaped (plain `_()` calls, outside
    f-strings, so that makemessages finds them)."""
    labels = {
        "skip_to_main_content": _("Skip to main content"),
        "an_official_site_of_the_public_services_portal": _(
            "An official site of the public services portal"
        ),
        "main": _("Main"),
        "menu": _("Menu"),
        "security": _("Security"),
        "outbox": _("Outbox"),
        "switch_group": _("Switch group"),
        "sign_out": _("Sign out"),
        "sign_in": _("Sign in"),
        "sign_up": _("Sign up"),
        "contact": _("Contact:"),
        "about_the_portal": _("About the portal"),
        "privacy_notice": _("Privacy notice"),
        "accessibility_statement": _("Accessibility statement"),
        "terms_of_use": _("Terms of use"),
        "you_will_soon_be_signed_out": _("You will soon be signed out"),
        "stay_signed_in": _("Stay signed in"),
        "your_session_has_ended": _("Your session has ended"),
        "sign_in_again": _("Sign in again"),
        "close": _("Close"),
    }
    return {key: escape(text) for key, text in labels.items()}


def _build() -> Chrome:  # noqa: PLR0915 - one page's fixed text, in its order
    language = translation.get_language()
    T = _labels()  # noqa: N806
    other, other_name = ("en", "English") if language == "fr" else ("fr", "Français")
    icon = escape(static("favicon.svg"))
    group_url = escape(reverse("group_detail", args=[_GROUP_ID])).split(str(_GROUP_ID))
    warn_before = min(WARN_BEFORE, settings.SESSION_IDLE_TIMEOUT // 2)
    warned = _(
        "For your security, you will be signed out in <strong data-countdown>%(time)s min"
        "</strong> without activity. What you typed on this page stays here."
    ) % {"time": max(warn_before // 60, 1)}
    ended = _(
        "For your security, you were signed out after %(minutes)s minutes without activity. "
        "What you typed on this page stays here: when you send the form, you will sign in "
        "again and come back to it with what you typed."
    ) % {"minutes": settings.SESSION_IDLE_TIMEOUT // 60}
    bootstrap_css = escape(static("vendor/bootstrap/css/bootstrap.min.css"))
    return Chrome(
        language=language,
        head=(
            f'<link rel="stylesheet" href="{bootstrap_css}">\n'
            f'  <link rel="stylesheet" href="{escape(static("css/portal.css"))}">\n'
            f'  <link rel="icon" href="{icon}" type="image/svg+xml">'
        ),
        header_top=(
            '\n  <a class="visually-hidden-focusable skip-link" href="#main">'
            f"{T['skip_to_main_content']}</a>\n"
            '  <header class="border-bottom bg-body-tertiary">\n'
            '    <div class="gov-strip"><div class="container small">'
            f"{T['an_official_site_of_the_public_services_portal']}</div></div>\n"
            f'    <nav class="navbar navbar-expand-lg container" aria-label="{T["main"]}">\n'
            '      <a class="navbar-brand fw-semibold d-flex align-items-center gap-2" '
            f'href="{_url("home")}"><img src="{icon}" alt="" width="28" height="28">'
        ),
        header_menu=(
            "</a>\n"
            '      <button class="navbar-toggler" type="button" data-bs-toggle="collapse" '
            'data-bs-target="#main-nav"\n'
            '              aria-controls="main-nav" aria-expanded="false" '
            f'aria-label="{T["menu"]}">\n'
            '        <span class="navbar-toggler-icon"></span>\n'
            "      </button>\n"
            '      <div class="collapse navbar-collapse" id="main-nav">\n'
            '        <ul class="navbar-nav me-auto flex-wrap">'
        ),
        menu=(
            _menu_item(reverse("dashboard"), _("Dashboard")),
            _menu_item(reverse("profile"), _("My profile")),
            _menu_item(reverse("my_groups"), _("My groups")),
        ),
        menu_rest=(
            '\n            <li class="nav-item"><a class="nav-link" '
            f'href="{_url("account_change_password")}">{T["security"]}</a></li>'
        ),
        outbox=(
            '\n              <li class="nav-item"><a class="nav-link" '
            f'href="{_url("outbox")}">{T["outbox"]}</a></li>'
        ),
        tools=(
            "\n        </ul>\n"
            '        <div class="d-flex flex-wrap flex-lg-nowrap align-items-center gap-2">'
        ),
        language_form=(
            f'\n          <form method="post" action="{_url("set_language")}" class="m-0">\n'
            "            "
        ),
        language_button=(
            '">\n              <button class="btn btn-link nav-link" type="submit" '
            f'name="language" value="{other}" lang="{other}">{other_name}</button>\n'
            "          </form>"
        ),
        group_url=(group_url[0], group_url[1]),
        switch_group=T["switch_group"],
        logout=(
            f'\n            <form method="post" action="{_url("account_logout")}" class="m-0">'
            "\n              "
        ),
        logout_end=(
            '\n              <button class="btn btn-outline-secondary btn-sm text-nowrap" '
            f'type="submit">{T["sign_out"]}</button>\n'
            "            </form>"
        ),
        sign_in_url=_url("account_login"),
        sign_up=(
            f'">{T["sign_in"]}</a>\n'
            f'            <a class="btn btn-primary btn-sm" href="{_url("account_signup")}">'
            f"{T['sign_up']}</a>"
        ),
        contact=T["contact"],
        footer_links=(
            "\n        </div>\n"
            f'        <nav class="col-md-6" aria-label="{T["about_the_portal"]}">\n'
            '          <ul class="list-inline mb-0 text-md-end">\n'
            f'            <li class="list-inline-item"><a href="{_url("privacy")}">'
            f"{T['privacy_notice']}</a></li>\n"
            f'            <li class="list-inline-item"><a href="{_url("accessibility")}">'
            f"{T['accessibility_statement']}</a></li>\n"
            f'            <li class="list-inline-item"><a href="{_url("terms")}">'
            f"{T['terms_of_use']}</a></li>\n"
            "          </ul>\n"
            "        </nav>\n"
            "      </div>\n"
            "    </div>\n"
            "  </footer>\n"
            f'  <script src="{escape(static("vendor/bootstrap/js/bootstrap.bundle.min.js"))}">'
            "</script>\n  "
        ),
        scripts=(
            f'\n  <script src="{escape(static("js/portal.js"))}"></script>\n'
            f'  <script src="{escape(static("js/error_summary.js"))}"></script>\n'
            f'  <script src="{escape(static("js/form_resume.js"))}"></script>'
        ),
        dialog_top=(
            '\n<dialog id="session-timeout" class="session-timeout" role="alertdialog" '
            'aria-modal="true"\n'
            '        aria-labelledby="session-timeout-title" '
            'aria-describedby="session-timeout-text"\n'
            '        data-remaining="'
        ),
        dialog_middle=(
            f'" data-warn-before="{warn_before}"\n'
            f'        data-status-url="{_url("session_status")}" '
            'data-testid="session-timeout">\n'
            '  <div data-session-state="warning">\n'
            '    <h2 class="h4" id="session-timeout-title">'
            f"{T['you_will_soon_be_signed_out']}</h2>\n"
            f'    <p id="session-timeout-text">{warned}</p>\n'
            f'    <form method="post" action="{_url("session_renew")}" class="m-0" '
            "data-session-renew>\n      "
        ),
        dialog_bottom=(
            '">\n      <button type="submit" class="btn btn-primary">'
            f"{T['stay_signed_in']}</button>\n"
            "    </form>\n"
            "  </div>\n"
            '  <div data-session-state="ended" hidden>\n'
            '    <h2 class="h4" id="session-timeout-ended-title">'
            f"{T['your_session_has_ended']}</h2>\n"
            f'    <p id="session-timeout-ended-text">{ended}</p>\n'
            '    <p class="d-flex flex-wrap gap-2 mb-0">\n'
            '      <a class="btn btn-primary" href="'
        ),
        sign_in_again_url=_url("account_login"),
        dialog_end=(
            f'">{T["sign_in_again"]}</a>\n'
            '      <button type="button" class="btn btn-outline-secondary" data-session-close>'
            f"{T['close']}</button>\n"
            "    </p>\n"
            "  </div>\n"
            "</dialog>"
        ),
        session_script=f'\n  <script src="{escape(static("js/session_timeout.js"))}"></script>',
    )


def _text(value) -> str:
    """A value as `{{ value }}` writes it (missing: nothing)."""
    return "" if value is None else str(conditional_escape(value))


def _csrf_input(token) -> str:
    """`{% csrf_token %}`."""
    if not token or token == "NOTPROVIDED":  # noqa: S105 - Django's marker, no secret
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(token)}">'


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def header(context) -> str:
    """From <body> to the main menu's last fixed item (the console's link comes next)."""
    c = page_chrome(context)
    user = context.get("user")
    signed_in = _signed_in(user)
    out = ["<body"]
    if signed_in:
        out.append(f""" hx-headers='{{"X-CSRFToken": "{_text(context.get("csrf_token"))}"}}'""")
    out += [">", c.header_top, _text(context.get("SITE_NAME")), c.header_menu]
    if signed_in:
        request = context.get("request")
        path = getattr(request, "path", "")
        for url, before, after in c.menu:
            out += [before, 'aria-current="page"' if path == url else "", after]
        out.append(c.menu_rest)
    return "".join(out)


def header_end(context) -> str:
    """The rest of the main menu, the language switch, the group switcher, the person and
    signing in or out."""
    c = page_chrome(context)
    user = context.get("user")
    request = context.get("request")
    signed_in = _signed_in(user)
    full_path = request.get_full_path() if request is not None else ""
    out = []
    if signed_in and user.is_superuser:
        out.append(c.outbox)
    out.append(c.tools)
    if signed_in:
        token = context.get("csrf_token")
        out += [c.language_form, _csrf_input(token)]
        out += ['\n            <input type="hidden" name="next" value="', escape(full_path)]
        out.append(c.language_button)
    else:
        # Anonymous: a plain link, no CSRF token, so the page can be cached (issue 19).
        from portal.templatetags.portal_language import same_page_in

        other = "en" if c.language == "fr" else "fr"
        href = escape(same_page_in(context, other))
        name = "English" if other == "en" else "Français"
        out.append(
            f'\n            <a class="nav-link" href="{href}" lang="{other}" '
            f'hreflang="{other}">{name}</a>'
        )
    groups = context.get("user_groups") if signed_in else None
    if groups:
        out.append(_switcher(c, groups, context.get("current_group")))
    if signed_in:
        out += [
            '\n            <span class="navbar-text small text-nowrap d-none d-xxl-inline" '
            'data-testid="signed-in-as">',
            _text(user.display_name),
            "</span>",
            c.logout,
            _csrf_input(context.get("csrf_token")),
            c.logout_end,
        ]
    else:
        # From a service's page, signing in comes back to that page.
        back = f"?next={escape(quote(full_path))}" if context.get("current_service") else ""
        out += [
            f'\n            <a class="btn btn-outline-primary btn-sm" href="{c.sign_in_url}{back}',
            c.sign_up,
        ]
    out.append("\n        </div>\n      </div>\n    </nav>")
    return "".join(out)


def _switcher(c: Chrome, groups, current) -> str:
    if current:
        label = f"{_text(current.organisation.legal_name)} — {_text(current.display_name)}"
        current_pk = current.pk
    else:
        label, current_pk = c.switch_group, None
    before, after = c.group_url
    out = [
        '\n            <div class="dropdown">\n'
        '              <button class="btn btn-sm btn-outline-secondary dropdown-toggle" '
        'type="button" data-bs-toggle="dropdown" aria-expanded="false">\n                ',
        label,
        '\n              </button>\n              <ul class="dropdown-menu dropdown-menu-end">',
    ]
    for g in groups:
        aria = 'aria-current="true"' if current_pk is not None and current_pk == g.pk else ""
        out.append(
            f'\n                  <li><a class="dropdown-item" href="{before}{g.pk}{after}" '
            f"{aria}>{_text(g.organisation.legal_name)} — {_text(g.display_name)}</a></li>"
        )
    out.append("\n              </ul>\n            </div>")
    return "".join(out)


def service_identity(context) -> str:
    """The name of the service the page belongs to, a link to its home."""
    service = context.get("current_service")
    if not service:
        return ""
    name = _text(service.name)
    url = ""
    if service.url_name:
        urls = page_chrome(context).service_urls
        if service.url_name not in urls:
            try:  # as `{% url … as var %}`: nothing when it does not reverse
                urls[service.url_name] = escape(reverse(service.url_name))
            except NoReverseMatch:
                urls[service.url_name] = ""
        url = urls[service.url_name]
    if url:
        name = f'<a class="link-body-emphasis text-decoration-none" href="{url}">{name}</a>'
    return (
        '\n        <div class="service-identity border-top" data-testid="service-identity">'
        '<div class="container py-2">\n'
        f'          <p class="h5 mb-0">{name}</p>\n'
        "        </div></div>"
    )


def messages(context) -> str:
    """The page's messages (reading them marks them shown)."""
    stored = context.get("messages")
    if not stored:
        return ""
    out = ['\n      <div class="messages" role="status">']
    for message in stored:
        tags = message.tags
        kind = "danger" if tags == "error" else escape(tags or "info")
        out.append(f'\n          <div class="alert alert-{kind}">{_text(message)}</div>')
    out.append("\n      </div>\n    ")
    return "".join(out)


def footer(context) -> str:
    """The footer, the scripts and, for a signed-in person, the idle-timeout warning."""
    c = page_chrome(context)
    service = context.get("current_service")
    email = getattr(service, "contact_email", "") if service else ""
    if email:
        contact = f"{_text(service.name)} · {c.contact} "
    else:
        contact, email = f"{c.contact} ", context.get("SUPPORT_EMAIL") or ""
    out = [
        '<footer class="site-footer border-top py-4 mt-5">\n'
        '    <div class="container small">\n'
        '      <div class="row g-3">\n'
        '        <div class="col-md-6">\n'
        '          <p class="fw-semibold mb-1">',
        _text(context.get("SITE_NAME")),
        "</p>\n"
        f'          <p class="mb-0">{contact}<a href="mailto:{_text(email)}">{_text(email)}</a>'
        "</p>",
        c.footer_links,
        _htmx_script(context),
        c.scripts,
        timeout_dialog(context),
        c.session_script,
    ]
    return "".join(out)


def _htmx_script(context) -> str:
    nonce = context.get("csp_nonce")
    if nonce is not None:
        return htmx_script(nonce=nonce)
    if not _htmx:
        _htmx.append(htmx_script())
    return _htmx[0]


def timeout_dialog(context) -> str:
    """The idle-timeout warning (static/js/session_timeout.js), for a signed-in person: hidden
    until two minutes before the end (issue 17, item 16)."""
    from accounts.middleware import session_remaining

    request = context.get("request")
    user = getattr(request, "user", None)  # an error page may come before the middleware
    if user is None or not user.is_authenticated:
        return ""
    c = page_chrome(context)
    full_path = request.get_full_path()
    return "".join(
        [
            c.dialog_top,
            str(session_remaining(request)),
            c.dialog_middle,
            _csrf_input(context.get("csrf_token")),
            '\n      <input type="hidden" name="next" value="',
            escape(full_path),
            c.dialog_bottom,
            c.sign_in_again_url,
            "?next=",
            escape(quote(full_path)),
            c.dialog_end,
        ]
    )


# --- The header's « Inbox » link (office staff), after the main menu's fixed items ----------

_console_navs: dict[tuple, tuple[str, str, str]] = {}


def _console_nav_parts() -> tuple[str, str, str]:
    """The link's fixed parts in the active language: its path, the HTML before its
    aria-current and the one up to the count waiting."""
    key = (translation.get_language(), get_urlconf(), get_script_prefix())
    found = _console_navs.get(key)
    if found is None:
        url = reverse("console:queue")
        inbox = _t(_("Inbox"))  # outside the f-strings, for makemessages
        found = _console_navs[key] = (
            url,
            f'\n<li class="nav-item"><a class="nav-link" href="{escape(url)}" '
            'data-testid="console-nav" ',
            f'>{inbox}\n  <span class="badge rounded-pill text-bg-secondary">',
        )
    return found


def console_nav(context) -> str:
    """What waits for the person and how much is late, as console/_nav.html wrote it (one
    statement, for office staff only; nothing but a line break for others)."""
    from portal.console.queries import header_counts

    request = context.get("request")
    user = getattr(request, "user", None)
    # The queue's page counted them already (queries.queue_page) when it covers every office.
    counts = getattr(request, "console_header_counts", None)
    if counts is None and user is not None:
        counts = header_counts(user)
    if not counts:
        return "\n"
    url, before, label = _console_nav_parts()
    out = [before, 'aria-current="page"' if getattr(request, "path", "") == url else ""]
    out += [label, _text(counts["waiting"])]
    waiting = _t(_("waiting"))
    out.append(f'<span class="visually-hidden"> {waiting}</span></span>')
    overdue = counts["overdue"]
    if overdue:
        text = ngettext("%(n)s overdue", "%(n)s overdue", overdue) % {"n": overdue}
        out.append(f'\n  <span class="badge rounded-pill text-bg-danger">{_t(text)}</span>')
    out.append("</a></li>\n\n")
    return "".join(out)
