"""The public posting page (J10) and what hangs on it: apply (counted redirect or e-mail form)
and share links (counted)."""

import datetime
from urllib.parse import quote, urlencode, urljoin

from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseRedirect,
)
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from jobboard.postings.models import Posting
from jobboard.public import jsonld
from jobboard.public import services as services_page
from jobboard.public.follow import follow_button, following
from jobboard.public.forms import ApplyForm
from jobboard.public.page import public_context
from jobboard.public.shared_blocks import shared_block
from jobboard.statistics import services as stats
from portal.lib import page_cache
from portal.lib.throttle import wait_message

S = Posting.State
# The share buttons: network -> how to build the address (our redirect counts it first).
NETWORKS = ("email", "linkedin")


class _ShareRedirect(HttpResponseRedirect):
    allowed_schemes = ["https", "mailto"]


def _public_posting(posting_id: int) -> Posting:
    """The live posting (one query); 410 Gone for one that was online and no longer is; 404
    for anything never published."""
    posting = (
        Posting.objects.select_related("group__organisation", "group__employer_profile")
        .filter(pk=posting_id, published__isnull=False)
        .first()
    )
    if posting is None or (not posting.live and posting.published_at is None):
        raise Http404
    if not posting.live:
        raise _Gone(posting)
    return posting


class _Gone(Exception):
    def __init__(self, posting):
        self.posting = posting


def _gone(request) -> HttpResponse:
    return render(request, "jobboard/public/job_gone.html", status=410)


def _page_url(request, posting: Posting) -> str:
    return request.build_absolute_uri(reverse("jobboard:job", args=[posting.pk]))


def _closed(posting: Posting) -> bool:
    deadline = (posting.published or {}).get("apply_deadline") or ""
    return bool(deadline) and datetime.date.fromisoformat(deadline) < timezone.localdate()


# Where the visitor's own follow button goes in the page shared by every visitor: the first
# occurrence is always ours (the card, before any posting text; its fields are escaped).
FOLLOW_SLOT = "<!--jobboard:follow-button-->"


def _shared_page(request, posting_id: int) -> dict:
    """The posting page as every visitor of this site address sees it, in this language,
    rendered once per page-cache generation (jobboard.public.shared_blocks): the head
    (canonical address, JSON-LD) and the content around the follow button, with what the
    view still needs. A posting not online raises (Http404, _Gone), so nothing is stored."""
    origin = f"{request.scheme}://{request.get_host()}"

    def build() -> dict:
        posting = _public_posting(posting_id)
        context = public_context(posting)
        public, card = context["public"], context["card"]
        page_url = origin + reverse("jobboard:job", args=[posting.pk])
        logo = urljoin(page_url, card["logo_url"]) if card["logo_url"] else ""
        data = jsonld.job_posting(
            posting=posting, public=public, card=card, page_url=page_url, logo_url=logo
        )
        context.update(
            job_page=True,
            posting=posting,
            page_url=page_url,
            jsonld=jsonld.script_tag(data),
            share_urls={
                network: reverse("jobboard:job_share", args=[posting.pk, network])
                for network in ("copy", *NETWORKS)
            },
            apply_page_url=reverse("jobboard:job_apply", args=[posting.pk]),
            company_url=reverse("jobboard:company_public", args=[posting.group_id]),
            follow_template="jobboard/public/_follow_slot.html",
        )
        body = render_to_string("jobboard/public/_job_content.html", context)
        before, _slot, after = body.partition(FOLLOW_SLOT)
        return {
            "group_id": posting.group_id,
            "title": public["title"],
            "company_name": card["company_name"],
            "head": render_to_string("jobboard/public/_job_head.html", context),
            "before": before,
            "after": after,
        }

    return shared_block("job", (posting_id, origin), build)


@page_cache.anonymous_cache
@require_GET
def job(request, posting_id: int):
    try:
        page = _shared_page(request, posting_id)
    except _Gone:
        return _gone(request)
    stats.count_request(request, posting_id, "views")
    # Served from the cache, the page is still counted (bots excluded): the hook runs there.
    page_cache.on_hit(request, stats.VIEW_HIT_HOOK, posting_id)
    group_id = page["group_id"]
    button = follow_button(request, group_id, following(request.user, group_id), on_dark=True)
    context = {
        "page": page,
        # The shared parts were rendered (and escaped) by the templates that made them.
        "content": mark_safe(page["before"] + button + page["after"]),  # noqa: S308
        "head": mark_safe(page["head"]),  # noqa: S308
    }
    return render(request, "jobboard/public/job.html", context)


def share_target(network: str, page_url: str, title: str) -> str:
    if network == "email":
        return "mailto:?" + urlencode({"subject": title, "body": page_url}, quote_via=quote)
    return "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": page_url})


# The "copy the link" count is a POST from a cached page, which has no CSRF token; it only adds
# one to a counter (robots excluded), so a forged one can do no more than a visitor's click.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def job_share(request, posting_id: int, network: str):
    """GET: the e-mail or LinkedIn share, counted, then sent on. POST with network "copy":
    the page's "copy the link" button counting its share (204)."""
    if network not in (*NETWORKS, "copy"):
        raise Http404
    try:
        posting = _public_posting(posting_id)
    except _Gone:
        return _gone(request)
    if network == "copy":
        if request.method != "POST":
            return HttpResponse(status=405)
        stats.count_request(request, posting.pk, "shares")
        return HttpResponse(status=204)
    if request.method != "GET":
        return HttpResponse(status=405)
    stats.count_request(request, posting.pk, "shares")
    title = public_context(posting)["public"]["title"]
    return _ShareRedirect(share_target(network, _page_url(request, posting), title))


def _applicant_initial(user) -> dict:
    """A signed-in seeker does not retype their name and e-mail (they may still change them)."""
    if not user.is_authenticated:
        return {}
    return {"name": user.get_full_name(), "email": user.email}


@require_http_methods(["GET", "POST"])
def job_apply(request, posting_id: int):
    """URL mode: a counted redirect to the posting's own published apply address, never to
    an address from the request. E-mail mode: the form. Refused after the deadline."""
    try:
        posting = _public_posting(posting_id)
    except _Gone:
        return _gone(request)
    data = posting.published or {}
    mode = data.get("apply_mode")
    if mode not in (Posting.ApplyMode.URL, Posting.ApplyMode.EMAIL):
        raise Http404
    if mode == Posting.ApplyMode.URL and not data.get("apply_url"):
        raise Http404
    if mode == Posting.ApplyMode.EMAIL and not data.get("apply_email"):
        raise Http404
    if _closed(posting):
        raise PermissionDenied(_("The application deadline is past."))
    if mode == Posting.ApplyMode.URL:
        if request.method != "GET":
            return HttpResponse(status=405)
        stats.count_request(request, posting.pk, "clicks")
        return HttpResponseRedirect(data["apply_url"])
    context = public_context(posting)
    if request.method == "POST":
        form = ApplyForm(request.POST, request.FILES)
    else:
        form = ApplyForm(initial=_applicant_initial(request.user))
    if request.method == "POST" and form.is_valid():
        ip = get_adapter(request).get_client_ip(request)
        wait = services_page.apply_take(email=form.cleaned_data["email"], ip=ip)
        if wait:
            form.add_error(None, wait_message(wait))
        else:
            services_page.application_send(
                posting=posting,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                message=form.cleaned_data["message"],
                cv=form.cleaned_data["cv"],
                page_url=_page_url(request, posting),
            )
            return redirect(reverse("jobboard:job_applied", args=[posting.pk]))
    context.update(posting=posting, form=form)
    return render(request, "jobboard/public/apply.html", context)


@require_GET
def job_applied(request, posting_id: int):
    try:
        posting = _public_posting(posting_id)
    except _Gone:
        return _gone(request)
    context = public_context(posting)
    context["posting"] = posting
    return render(request, "jobboard/public/applied.html", context)
