"""What the plans' pages share: the provider group from the URL (checked against the user's
memberships and the permission), the app's tabs, and the client from the shared registry."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from casework.registry.models import Client
from portal.access import group_for_member, group_permissions
from portal.models import Group

PAGE_SIZE = 25


def plan_group(request, group_id: int, permission: str) -> Group:
    group, _membership = group_for_member(request.user, group_id)
    if group.service != "casework":
        raise Http404
    perms = group_permissions(request.user, group)
    if permission not in perms:
        raise PermissionDenied
    request.casework_perms = perms  # for the app's tabs
    return group


def tab_perms(request) -> set[str]:
    return getattr(request, "casework_perms", set())


def client_for_plan(client_id: int) -> Client:
    # The registry is shared by every provider; a merged record is not used any more.
    return get_object_or_404(Client, pk=client_id, merged_into__isnull=True)
