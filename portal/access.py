"""Access helpers: fetch and check together, so nobody loads an object and checks later.

The current group comes from the URL (`group_id`) and is resolved against the user's own
active memberships: a group the user is not in answers 404, like one that does not exist.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from guardian.core import ObjectPermissionChecker

from accounts.staff import offices_of
from portal.models import Group, Membership, Review
from portal.roles import MANAGE_GROUP

security_log = logging.getLogger("portal.security")


def group_for_member(user, group_id: int) -> tuple[Group, Membership]:
    membership = (
        Membership.objects.filter(user=user, group_id=group_id, status=Membership.Status.ACTIVE)
        .select_related("group__organisation")
        .first()
    )
    if membership is None:
        security_log.warning("refused group=%s user=%s", group_id, user.pk)
        raise Http404
    return membership.group, membership


def group_permissions(user, group: Group) -> set[str]:
    """What the user may do in the group: the codenames of their guardian permissions.

    One query: a member's permissions are the user-object rows their roles are synced into
    (portal.services.permissions); auth groups are never given permissions on a Group, so
    guardian's second query (GroupGroupPermission) is skipped."""
    if not user.is_active:
        return set()
    checker = ObjectPermissionChecker(user)
    if user.is_superuser:
        return set(checker.get_perms(group))
    return set(checker.get_user_perms(group))


def group_for_manager(user, group_id: int) -> tuple[Group, Membership]:
    group, membership = group_for_member(user, group_id)
    if MANAGE_GROUP not in group_permissions(user, group):
        security_log.warning("refused manage group=%s user=%s", group_id, user.pk)
        raise PermissionDenied
    return group, membership


def membership_in_group(group: Group, membership_id) -> Membership:
    """A membership of this group only (ids from paths and bodies alike)."""
    return get_object_or_404(
        Membership.objects.select_related("user", "group"), pk=membership_id, group=group
    )


def review_for_staff(user, review_id: int) -> Review:
    """A review waiting for one of the person's offices (the superuser: any)."""
    offices = list(offices_of(user))
    if not offices:
        raise Http404
    return get_object_or_404(
        Review.objects.select_related("applicant", "decided_by"),
        pk=review_id,
        staff_role__in=offices,
    )
