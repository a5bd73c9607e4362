import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required, user_passes_test
from django.core.paginator import Paginator
from django.core.signals import setting_changed
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse, translate_url
from django.utils import translation
from django.views.decorators.http import require_GET, require_POST

from portal.console.queries import dashboard_rows
from portal.lib.page_cache import anonymous_cache
from portal.lib.redirects import safe_next
from portal.models import OutboundEmail
from portal.service_registry import Service, openable_services, participations, services

log = logging.getLogger("portal.health")


@anonymous_cache
@require_GET
def home(request):
    return render(
        request,
        "portal/home.html",
        {"services": services(), "openable": openable_services(request.user)},
    )


@require_GET
def legal_page(request, page: str):
    """The footer's pages: privacy notice, accessibility statement, terms of use."""
    return render(request, f"portal/legal/{page}.html")


# The dashboard's two lists of services, rendered once per language, URLconf, script prefix
# and set of services taken part in (at most 2 × 2^5 per language): the same HTML for
# everyone with that set (issue 19). Forgotten when a setting changes (tests).
_services_html: dict[tuple, str] = {}
setting_changed.connect(
    lambda **kwargs: _services_html.clear(), dispatch_uid="portal_dashboard_forget"
)


def _services_sections(mine: list[Service], others: list[Service], queue: bool) -> str:
    key = (
        translation.get_language(),
        get_urlconf(),
        get_script_prefix(),
        tuple(service.key for service in mine),
        queue,
    )
    found = _services_html.get(key)
    if found is None:
        context = {"my_services": mine, "other_services": others, "queue_rows": queue}
        found = _services_html[key] = render_to_string("portal/_dashboard_services.html", context)
    return found


@login_required
@require_GET
def dashboard(request):
    mine: list[Service] = []
    others: list[Service] = []
    taking_part = participations(request.user)  # every service's check, one statement
    for service in services():
        (mine if service.key in taking_part else others).append(service)
    # Office staff see their queue first (issue 20): mine, unassigned, overdue per office.
    queue_rows = dashboard_rows(request.user)
    return render(
        request,
        "portal/dashboard.html",
        {
            "queue_rows": queue_rows,
            "services_html": _services_sections(mine, others, bool(queue_rows)),
        },
    )


@require_POST
def set_language(request):
    """Switch language: the same page under the other /fr/ or /en/ prefix; a signed-in
    user's preference (used for e-mails) follows the switch."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    next_url = safe_next(request, "/")
    if next_url == "/":
        with translation.override(language):
            next_url = reverse("home")
    if request.user.is_authenticated and request.user.language != language:
        request.user.language = language
        request.user.save(update_fields=["language"])
    # translate_url resolves the path in the active language: make it the page's own.
    with translation.override(translation.get_language_from_path(next_url)):
        target = translate_url(next_url, language)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    return response


def is_superuser(user) -> bool:
    return user.is_authenticated and user.is_superuser


@user_passes_test(is_superuser)
@require_GET
def outbox(request):
    """Every e-mail the portal queued or sent, for administrators (and demo users of make run)."""
    page = Paginator(
        OutboundEmail.objects.only(
            "id", "to", "subject", "status", "created_at", "sent_at", "template"
        ),
        50,
    ).get_page(request.GET.get("page"))
    return render(request, "portal/outbox.html", {"page": page})


@user_passes_test(is_superuser)
@require_GET
def outbox_message(request, pk: int):
    return render(
        request, "portal/outbox_message.html", {"email": get_object_or_404(OutboundEmail, pk=pk)}
    )


@require_GET
def robots_txt(request):
    """Everything public may be crawled but the accounts and staff pages; each service's public
    sitemap is named, in every language (the job site's postings reach job search engines)."""
    lines = ["User-agent: *"]
    for code, _name in settings.LANGUAGES:
        lines += [f"Disallow: /{code}/accounts/", f"Disallow: /{code}/staff/"]
    base = settings.SITE_URL.rstrip("/")
    for service in services():
        if service.sitemap_url_name:
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    lines.append(f"Sitemap: {base}{reverse(service.sitemap_url_name)}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def healthz(request):
    """Liveness and database reachability, for container health checks: 200 "ok", or 503
    and why (the database's error, never its address or password)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        log.warning("healthz: database unavailable: %s", error)
        reason = f"database unavailable: {type(error).__name__}"
        return HttpResponse(reason, status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
