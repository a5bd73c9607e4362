"""Who may manage a group's API clients: its principal manager (job board, permits) or, in
licensing, the company representative (or anyone holding all of that role's permissions)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from api.scopes import BY_SERVICE
from portal.access import group_for_member, group_permissions, security_log
from portal.models import Group
from portal.roles import MANAGE_GROUP

REPRESENTATIVE = {"licensing_buy", "licensing_view_codes", "licensing_view_transactions"}


def may_manage_clients(group: Group, perms: set[str]) -> bool:
    if group.service not in BY_SERVICE or group.status != Group.Status.ACTIVE:
        return False
    return MANAGE_GROUP in perms or (group.service == "licensing" and perms >= REPRESENTATIVE)


def group_for_api_manager(user, group_id: int) -> Group:
    """The group (404 unless an active member of a group whose service has an API), after
    checking the user may manage its clients (403)."""
    group, _membership = group_for_member(user, group_id)
    if group.service not in BY_SERVICE:
        raise Http404
    if not may_manage_clients(group, group_permissions(user, group)):
        security_log.warning("refused api clients group=%s user=%s", group.pk, user.pk)
        raise PermissionDenied
    return group
