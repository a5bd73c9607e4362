"""Providers and service points: the app's home (the ministry's or a provider's desk), a
provider's service points, and the ministry's provider pages (S1, S9)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from casework.access import provider_for_member, require_ministry
from casework.errors import CaseworkError
from casework.registry import queries
from casework.registry import services as registry
from casework.registry.forms import ManagerForm, ProviderForm, SeatsForm, ServicePointForm
from casework.registry.models import Provider
from casework.registry.views.base import posted, render_for_provider
from portal.selectors import audit_history


@login_required
@require_GET
def home(request):
    """The ministry's desk, a provider's desk, or the choice between the user's providers."""
    if registry.is_ministry(request.user):
        return redirect("casework:ministry")
    groups = queries.user_casework_groups(request.user)
    if not groups:
        raise Http404
    if len(groups) == 1:
        return redirect("casework:clients", group_id=groups[0].pk)
    return render(request, "casework/registry/home.html", {"groups": groups})


@login_required
@require_GET
def service_points(request, group_id: int):
    access = provider_for_member(request.user, group_id)
    return render_for_provider(
        request,
        access,
        "casework/registry/service_points.html",
        points=list(queries.service_points(access.group)),
        provider=access.provider,
    )


@login_required
@require_GET
def ministry(request):
    require_ministry(request.user)
    return render(
        request,
        "casework/registry/ministry.html",
        {
            "providers": list(queries.providers_with_counts()),
            "open_duplicates": queries.duplicates_queue().count(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def provider_new(request):
    require_ministry(request.user)
    form = ProviderForm(posted(request))
    if request.method == "POST" and form.is_valid():
        provider = registry.provider_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("The provider is created. Add its service points."))
        return redirect("casework:provider", pk=provider.pk)
    return render(request, "casework/registry/provider_new.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def provider_detail(request, pk: int):
    require_ministry(request.user)
    provider = get_object_or_404(Provider.objects.select_related("group__organisation"), pk=pk)
    seats_form = SeatsForm(initial={"seats": provider.seats})
    point_form = ServicePointForm()
    manager_form = ManagerForm()
    if request.method == "POST":
        if "manager_email" in request.POST:
            manager_form = ManagerForm(request.POST)
            if manager_form.is_valid():
                try:
                    registry.provider_add_manager(
                        provider=provider, user=manager_form.user, actor=request.user
                    )
                except CaseworkError as error:
                    manager_form.add_error("manager_email", error.message)
                else:
                    messages.success(request, _("The provider's manager is named."))
                    return redirect("casework:provider", pk=pk)
        elif "seats" in request.POST:
            seats_form = SeatsForm(request.POST)
            if seats_form.is_valid():
                registry.provider_set_seats(
                    provider=provider, seats=seats_form.cleaned_data["seats"], actor=request.user
                )
                messages.success(request, _("The number of seats is saved."))
                return redirect("casework:provider", pk=pk)
        else:
            point_form = ServicePointForm(request.POST)
            if point_form.is_valid():
                try:
                    registry.service_point_create(
                        group=provider.group, actor=request.user, **point_form.cleaned_data
                    )
                except CaseworkError as error:
                    point_form.add_error("eo_id", error.message)
                else:
                    messages.success(request, _("The service point is added."))
                    return redirect("casework:provider", pk=pk)
    return render(
        request,
        "casework/registry/provider_detail.html",
        {
            "provider": provider,
            "points": list(queries.service_points(provider.group)),
            "seats_form": seats_form,
            "point_form": point_form,
            "manager_form": manager_form,
            "managers": list(queries.provider_managers(provider)),
            "history": audit_history(provider),
        },
    )
