"""The ministry's desk: the duplicate review and merge, the access log, and the registry of
clients (every view of a file is logged)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from casework.access import client_in_registry, require_ministry
from casework.display import access_times, url_prefix
from casework.errors import CaseworkError
from casework.registry import queries
from casework.registry import services as registry
from casework.registry.forms import ClientSearchForm, DuplicateDecisionForm
from casework.registry.models import Client, DuplicateSuspicion
from casework.registry.views.base import (
    PAGE_SIZE,
    blank_search_fields,
    client_file_context,
    posted,
)


@login_required
@require_GET
def duplicates(request):
    require_ministry(request.user)
    page = Paginator(queries.duplicates_queue(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "casework/registry/duplicates.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def duplicate_detail(request, pk: int):
    require_ministry(request.user)
    suspicion = get_object_or_404(
        DuplicateSuspicion.objects.select_related("client", "similar_to", "reported_by"), pk=pk
    )
    form = DuplicateDecisionForm(posted(request), suspicion=suspicion)
    if request.method == "POST" and form.is_valid():
        decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
        try:
            if decision == "distinct":
                registry.duplicate_mark_distinct(suspicion=suspicion, actor=request.user, note=note)
                messages.success(request, _("The pair is marked as different people."))
            else:
                keep = suspicion.client if decision == f"keep_{suspicion.client_id}" else None
                keep = keep or suspicion.similar_to
                registry.clients_merge(
                    suspicion=suspicion, keep=keep, actor=request.user, note=note
                )
                messages.success(request, _("The records are merged."))
        except CaseworkError as error:
            messages.error(request, error.message)
        return redirect("casework:duplicates")
    pair = [suspicion.similar_to, suspicion.client]
    for client in pair:
        registry.client_access_log(user=request.user, client=client, group=None)
    return render(
        request,
        "casework/registry/duplicate_detail.html",
        {
            "suspicion": suspicion,
            "pair": [client_file_context(c, None) for c in pair],
            "form": form,
        },
    )


@login_required
@require_GET
def access_log(request):
    require_ministry(request.user)
    page = Paginator(queries.access_log(), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = queries.access_log_rows(page.object_list)
    access_times(rows)
    return render(
        request,
        "casework/registry/access_log.html",
        {"page": page, "rows": rows, "client_url": url_prefix("casework:ministry_client")},
    )


@login_required
@require_GET
def ministry_clients(request):
    require_ministry(request.user)
    form = ClientSearchForm(request.GET or None)
    results: list[Client] = []
    if form.is_bound and form.is_valid():
        results = queries.client_search(**form.cleaned_data)
    plans = registry.active_plans_for(c.pk for c in results)
    for client in results:
        client.active_plan = plans.get(client.pk)
    return render(
        request,
        "casework/registry/ministry_clients.html",
        {
            "form": form,
            "blank_search_fields": blank_search_fields(form),
            "results": results,
            "searched": form.is_bound and form.is_valid(),
        },
    )


@login_required
@require_GET
def ministry_client(request, pk: int):
    require_ministry(request.user)
    client = client_in_registry(pk)
    plan = registry.active_plans_for([client.pk]).get(client.pk)
    registry.client_access_log(user=request.user, client=client, group=None)
    return render(
        request, "casework/registry/ministry_client.html", client_file_context(client, plan)
    )
