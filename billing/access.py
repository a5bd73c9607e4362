"""Who may buy and see a group's transactions; staff scoping by service."""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from billing.hooks import Shop, get_shop
from billing.models import Order
from portal.access import group_for_member, group_permissions
from portal.models import Group
from portal.service_registry import services

security_log = logging.getLogger("portal.security")


def group_for_permission(user, group_id: int, which: str) -> tuple[Group, Shop, set[str]]:
    """The group (404 unless an active member), its shop, and the user's permissions;
    403 unless the user holds the shop's `which` permission ("buy" or "history")."""
    group, _membership = group_for_member(user, group_id)
    shop = get_shop(group.service)
    if shop is None:
        raise Http404
    perms = group_permissions(user, group)
    needed = shop.buy_permission if which == "buy" else shop.history_permission
    if needed not in perms:
        security_log.warning("refused billing %s group=%s user=%s", which, group_id, user.pk)
        raise PermissionDenied
    return group, shop, perms


def order_in_group(group: Group, order_id: int) -> Order:
    return get_object_or_404(
        Order.objects.select_related("group", "buyer"), pk=order_id, group=group
    )


def staff_services(user) -> list[str]:
    if not user.is_authenticated or not user.staff_role:
        raise Http404
    keys = [s.key for s in services() if s.staff_role == user.staff_role]
    if not keys:
        raise Http404
    return keys


def order_for_staff(user, order_id: int) -> Order:
    return get_object_or_404(
        Order.objects.select_related("group__organisation"),
        pk=order_id,
        group__service__in=staff_services(user),
    )
