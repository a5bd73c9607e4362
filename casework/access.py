"""Fetch and check together. A provider's pages take the group from the URL, resolved through
the user's own active membership in a casework provider group (404 otherwise); a permission
missing is 403. Clients and employers are shared registries: any provider may find them, but
a client's full file only opens for a group that serves or served the client (404 otherwise:
the minimal view is the client's page)."""

import functools
import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from casework.registry import services as registry
from casework.registry.models import Client, Provider
from casework.roles import CLIENTS
from portal.access import active_memberships, group_permissions
from portal.models import Group, Membership

security_log = logging.getLogger("portal.security")


@dataclass
class ProviderAccess:
    group: Group
    membership: Membership
    perms: set[str]

    def can(self, permission: str) -> bool:
        return permission in self.perms

    @functools.cached_property
    def provider(self) -> Provider:
        return Provider.objects.get(group=self.group)


# Groups known to be providers. A Provider row lives as long as its group (there is no other
# way to remove one), so a group found once is one for good: later pages skip the query.
_PROVIDER_GROUPS: set[int] = set()


def _is_provider(group: Group) -> bool:
    if group.pk not in _PROVIDER_GROUPS:
        if not Provider.objects.filter(group=group).exists():
            return False
        _PROVIDER_GROUPS.add(group.pk)
    return True


def provider_for_member(user, group_id: int, permission: str | None = None) -> ProviderAccess:
    # The user's active memberships are read once per request (portal.access).
    membership = next(
        (
            m
            for m in active_memberships(user)
            if str(m.group_id) == str(group_id) and m.group.service == "casework"
        ),
        None,
    )
    if membership is None or not _is_provider(membership.group):
        security_log.warning("refused casework group=%s user=%s", group_id, user.pk)
        raise Http404
    group = membership.group
    perms = group_permissions(user, group)
    if permission and permission not in perms:
        security_log.warning("refused %s group=%s user=%s", permission, group_id, user.pk)
        raise PermissionDenied
    return ProviderAccess(group, membership, perms)


def client_in_registry(pk: int) -> Client:
    return get_object_or_404(Client.objects.select_related("age_verified_by"), pk=pk)


def client_for_full_view(request, group_id: int, pk: int) -> tuple[ProviderAccess, Client]:
    """A page of the client's full file for a serving provider; each view is logged."""
    access = provider_for_member(request.user, group_id, CLIENTS)
    client = get_object_or_404(
        Client.objects.select_related("age_verified_by"),
        pk=pk,
        merged_into__isnull=True,
        providers__group=access.group,
    )
    if request.method == "GET":
        registry.client_access_log(user=request.user, client=client, group=access.group)
    return access, client


def require_ministry(user) -> None:
    if not registry.is_ministry(user):
        security_log.warning("refused casework ministry page user=%s", user.pk)
        raise Http404
