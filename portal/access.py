"""Access helpers: fetch and check together, so nobody loads an object and checks later.

The current group comes from the URL (`group_id`) and is resolved against the user's own
active memberships: a group the user is not in answers 404, like one that does not exist.
"""

import functools
import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Model
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.staff import offices_of
from portal.lib.compiled import CompiledQuery, instance
from portal.lib.request_memo import remembered
from portal.models import Group, Membership, Organisation, Review
from portal.roles import MANAGE_GROUP

security_log = logging.getLogger("portal.security")


def active_memberships(user) -> list[Membership]:
    """The user's active memberships with their groups and organisations, in the group
    switcher's order: one query, read once per request (portal.lib.request_memo) and shared by
    the switcher and `group_for_member`."""
    if not user.is_authenticated:
        return []
    return remembered(("memberships", user.pk), lambda: _read_memberships(user.pk))


_ANY_USER = -987654321  # stands for the user's id in the query compiled once


@functools.cache
def _memberships_sql() -> tuple[str, tuple]:
    """The ORM's query, compiled once: every signed-in page runs it, and building it (three
    tables, their ordering) cost more CPU than the rest of the request's floor (issue 19)."""
    query = (
        Membership.objects.filter(user_id=_ANY_USER, status=Membership.Status.ACTIVE)
        .select_related("group__organisation")
        .order_by("group__organisation__legal_name", "group__name", "group_id")
    )
    sql, params = query.query.sql_with_params()
    return sql, tuple(params)


def _read_memberships(user_id: int) -> list[Membership]:
    return read_compiled_memberships(_memberships_sql(), user_id)


def compile_memberships_query(build) -> tuple[str, tuple]:
    """`build(user_id)`, a memberships query with `select_related("group__organisation")`,
    as SQL for any user, for `read_compiled_memberships`."""
    sql, params = build(_ANY_USER).query.sql_with_params()
    return sql, tuple(params)


def read_compiled_memberships(compiled: tuple[str, tuple], user_id: int) -> list[Membership]:
    """The rows of a compiled memberships query for one user, as the ORM would build them
    (same columns, in the order of the three models' concrete fields, with the fields'
    database converters)."""
    models: tuple[type[Model], ...] = (Membership, Group, Organisation)
    with connection.cursor() as cursor:
        sql, params = compiled
        cursor.execute(sql, [user_id if p == _ANY_USER else p for p in params])
        rows = cursor.fetchall()
    result: list[Membership] = []
    for row in rows:
        objects: list[Any] = []
        at = 0
        for model in models:
            width = len(model._meta.concrete_fields)
            objects.append(instance(model, row[at : at + width]))
            at += width
        membership, group, organisation = objects
        Group.organisation.field.set_cached_value(group, organisation)
        Membership.group.field.set_cached_value(membership, group)
        result.append(membership)
    return result


def group_for_member(user, group_id: int) -> tuple[Group, Membership]:
    try:
        wanted = int(group_id)
    except (TypeError, ValueError):
        wanted = None
    membership = next((m for m in active_memberships(user) if m.group_id == wanted), None)
    if membership is None:
        security_log.warning("refused group=%s user=%s", group_id, user.pk)
        raise Http404
    return membership.group, membership


def _group_permission_codenames(*where) -> Any:
    """guardian's get_user_perms (or, without a user, a superuser's get_perms) on a group:
    the content type named by its app and model, not by its id (a database value must not be
    frozen in a compiled query)."""
    from django.contrib.auth.models import Permission

    perms = Permission.objects.filter(
        content_type__app_label=Group._meta.app_label, content_type__model=Group._meta.model_name
    )
    if where:
        user_id, group_id = where
        perms = perms.filter(
            groupuserpermission__user_id=user_id, groupuserpermission__content_object_id=group_id
        )
    return perms.order_by().values_list("codename", flat=True)


# Compiled once per process: building guardian's join cost a third of the licence codes page
# (issue 19).
_GROUP_PERMISSIONS = CompiledQuery(_group_permission_codenames, 2)
_ALL_GROUP_PERMISSIONS = CompiledQuery(_group_permission_codenames, 0)


def group_permissions(user, group: Group) -> set[str]:
    """What the user may do in the group: the codenames of their guardian permissions.

    One query: a member's permissions are the user-object rows their roles are synced into
    (portal.services.permissions); auth groups are never given permissions on a Group, so
    guardian's second query (GroupGroupPermission) is skipped."""
    if not user.is_active:
        return set()

    def read() -> set[str]:
        if user.is_superuser:  # guardian's get_perms: every permission on a group
            return {row[0] for row in _ALL_GROUP_PERMISSIONS.rows()}
        return {row[0] for row in _GROUP_PERMISSIONS.rows(user.pk, group.pk)}

    # A copy: a caller that adds to its set never changes what the next helper reads.
    return set(remembered(("group_permissions", user.pk, group.pk), read))


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
