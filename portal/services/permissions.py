"""Keep a member's guardian object permissions on a group equal to what their roles grant."""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from portal.lib import request_memo
from portal.models import Group, GroupUserPermission, Membership
from portal.roles import permissions_for, registered_permissions


def ensure_permission_rows() -> None:
    """Create the Permission rows the apps declared (run after migrate)."""
    group_type = ContentType.objects.get_for_model(Group)
    existing = set(
        Permission.objects.filter(content_type=group_type).values_list("codename", flat=True)
    )
    Permission.objects.bulk_create(
        [
            Permission(content_type=group_type, codename=codename, name=str(label)[:255])
            for codename, label in registered_permissions().items()
            if codename not in existing
        ]
    )


def sync_member_permissions(membership: Membership) -> None:
    """Two statements whatever the number of permissions: delete what is no longer granted,
    insert what is missing."""
    request_memo.forget()  # this request's memo of memberships and permissions is stale
    wanted = (
        permissions_for(membership.roles, membership.group.service)
        if membership.status == Membership.Status.ACTIVE
        else set()
    )
    rows = GroupUserPermission.objects.filter(
        user_id=membership.user_id, content_object_id=membership.group_id
    )
    rows.exclude(permission__codename__in=wanted).delete()
    have = set(rows.values_list("permission__codename", flat=True))
    missing = wanted - have
    if missing:
        group_type = ContentType.objects.get_for_model(Group)
        permissions = Permission.objects.filter(content_type=group_type, codename__in=missing)
        GroupUserPermission.objects.bulk_create(
            [
                GroupUserPermission(
                    user_id=membership.user_id,
                    content_object_id=membership.group_id,
                    permission=permission,
                )
                for permission in permissions
            ]
        )
