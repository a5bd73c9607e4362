"""A user's groups and a group's page: members, requests, roles, history (C4–C6, C8)."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.access import (
    group_for_manager,
    group_for_member,
    group_permissions,
    membership_in_group,
)
from portal.errors import CoreError
from portal.forms import GroupDetailsForm, RequestDecisionForm, RolesForm
from portal.models import Membership
from portal.roles import MANAGE_GROUP, get_role, roles_for_service
from portal.selectors import audit_history, group_members, group_requests, user_memberships
from portal.services.audit import audit_record
from portal.services.memberships import (
    membership_approve,
    membership_refuse,
    membership_remove,
    membership_set_roles,
)

MEMBERS_PER_PAGE = 50


@dataclass
class MemberRow:
    membership: Membership
    role_labels: list[str]
    roles_form: RolesForm


@login_required
@require_GET
def my_groups(request):
    return render(
        request, "portal/groups/mine.html", {"memberships": user_memberships(request.user)}
    )


@login_required
@require_GET
def group_detail(request, group_id: int):
    group, membership = group_for_member(request.user, group_id)
    can_manage = MANAGE_GROUP in group_permissions(request.user, group)
    role_labels = {role.key: role.label for role in roles_for_service(group.service)}
    # Large groups page their members; the page shows at most 50 of each list.
    page = Paginator(group_members(group), MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    members = [
        MemberRow(
            membership=member,
            role_labels=[str(role_labels.get(key, key)) for key in member.roles],
            roles_form=RolesForm(
                group=group, initial={"roles": member.roles}, prefix=f"m{member.pk}"
            ),
        )
        for member in page
    ]
    requests = list(group_requests(group)[: MEMBERS_PER_PAGE + 1]) if can_manage else []
    context = {
        "group": group,
        "membership": membership,
        "can_manage": can_manage,
        "members": members,
        "page": page,
        "requests": requests[:MEMBERS_PER_PAGE],
        "more_requests": len(requests) > MEMBERS_PER_PAGE,
        "history": list(audit_history(group)) if can_manage else [],
        "roles": roles_for_service(group.service),
    }
    return render(request, "portal/groups/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request, group_id: int):
    group, _membership = group_for_manager(request.user, group_id)
    form = GroupDetailsForm(request.POST or None, request.FILES or None, instance=group)
    if request.method == "POST" and form.is_valid():
        form.save()
        audit_record(
            actor=request.user,
            subject=group,
            verb="group.details_changed",
            data={"fields": form.changed_data},
        )
        messages.success(request, _("The group's details were saved."))
        return redirect("group_detail", group_id=group.pk)
    return render(request, "portal/groups/edit.html", {"group": group, "form": form})


@login_required
@require_POST
def membership_decide(request, group_id: int, membership_id: int):
    group, _membership = group_for_manager(request.user, group_id)
    target = membership_in_group(group, membership_id)
    form = RequestDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or refuse."))
        return redirect("group_detail", group_id=group.pk)
    try:
        if form.cleaned_data["decision"] == "approve":
            membership_approve(membership=target, actor=request.user)
            messages.success(request, _("%(name)s is now a member.") % {"name": target.user})
        else:
            membership_refuse(membership=target, actor=request.user, note=form.cleaned_data["note"])
            messages.success(request, _("The request was refused."))
    except CoreError as error:
        messages.error(request, error.message)
    return redirect("group_detail", group_id=group.pk)


@login_required
@require_POST
def membership_roles(request, group_id: int, membership_id: int):
    group, _membership = group_for_manager(request.user, group_id)
    target = membership_in_group(group, membership_id)
    form = RolesForm(request.POST, group=group, prefix=f"m{target.pk}")
    if form.is_valid():
        try:
            membership_set_roles(
                membership=target, roles=form.cleaned_data["roles"], actor=request.user
            )
        except CoreError as error:
            messages.error(request, error.message)
        else:
            labels = ", ".join(str(get_role(k).label) for k in form.cleaned_data["roles"]) or _(
                "none"
            )
            messages.success(
                request, _("Roles of %(name)s: %(roles)s.") % {"name": target.user, "roles": labels}
            )
    else:
        messages.error(request, _("Choose roles from the list."))
    return redirect("group_detail", group_id=group.pk)


@login_required
@require_POST
def membership_remove_view(request, group_id: int, membership_id: int):
    group, own = group_for_member(request.user, group_id)
    target = membership_in_group(group, membership_id)
    if target.pk != own.pk:  # leaving is for anyone; removing someone else is for managers
        group_for_manager(request.user, group_id)
    try:
        membership_remove(membership=target, actor=request.user)
    except CoreError as error:
        messages.error(request, error.message)
        return redirect("group_detail", group_id=group.pk)
    if target.pk == own.pk:
        messages.success(request, _("You have left %(group)s.") % {"group": group})
        return redirect("my_groups")
    messages.success(request, _("%(name)s was removed from the group.") % {"name": target.user})
    return redirect("group_detail", group_id=group.pk)
