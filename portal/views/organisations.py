"""Finding an organisation, asking to join one of its groups, asking for a new one (C3–C5)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.errors import CoreError
from portal.forms import (
    GroupRequestForm,
    JoinRequestForm,
    OrganisationRequestForm,
    OrganisationSearchForm,
)
from portal.models import Group, Membership, Organisation
from portal.selectors import organisation_groups, organisation_search
from portal.services.memberships import membership_request_join
from portal.services.organisations import group_request, organisation_request


@login_required
@require_GET
def organisation_search_view(request):
    form = OrganisationSearchForm(request.GET or None)
    results = []
    if form.is_valid() and form.cleaned_data["q"]:
        results = list(organisation_search(form.cleaned_data["q"]))
    return render(request, "portal/organisations/search.html", {"form": form, "results": results})


@login_required
@require_GET
def organisation_detail(request, organisation_id: int):
    """An active organisation's public details and groups (the registry is public)."""
    organisation = get_object_or_404(
        Organisation, pk=organisation_id, status=Organisation.Status.ACTIVE
    )
    mine = Membership.objects.filter(
        group=OuterRef("pk"),
        user=request.user,
        status__in=[Membership.Status.ACTIVE, Membership.Status.REQUESTED],
    )
    groups = organisation_groups(organisation).annotate(is_mine=Exists(mine))
    return render(
        request,
        "portal/organisations/detail.html",
        {
            "organisation": organisation,
            "groups": groups,
            "join_form": JoinRequestForm(),
            "group_form": GroupRequestForm(),
        },
    )


@login_required
@require_POST
def group_join(request, group_id: int):
    group = get_object_or_404(
        Group.objects.select_related("organisation"), pk=group_id, status=Group.Status.ACTIVE
    )
    form = JoinRequestForm(request.POST)
    if form.is_valid():
        try:
            membership_request_join(
                user=request.user, group=group, message=form.cleaned_data["message"]
            )
        except CoreError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Your request was sent to the group's managers. You will get an e-mail.")
            )
            return redirect("my_groups")
    return redirect("organisation_detail", organisation_id=group.organisation_id)


@login_required
@require_POST
def group_new(request, organisation_id: int):
    organisation = get_object_or_404(
        Organisation, pk=organisation_id, status=Organisation.Status.ACTIVE
    )
    form = GroupRequestForm(request.POST)
    if form.is_valid():
        try:
            group_request(
                user=request.user,
                organisation=organisation,
                name=form.cleaned_data["name"],
                service=form.cleaned_data["service"],
            )
        except CoreError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your request for a new group awaits approval."))
            return redirect("my_groups")
    else:
        messages.error(request, _("Give the new group a name and choose its service."))
    return redirect("organisation_detail", organisation_id=organisation.pk)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_new(request):
    form = OrganisationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation_request(
                user=request.user,
                organisation=form.save(commit=False),
                service=form.cleaned_data["service"],
            )
        except CoreError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Your request was sent. The office will review it; you will get an e-mail."),
            )
            return redirect("my_groups")
    return render(request, "portal/organisations/new.html", {"form": form})
