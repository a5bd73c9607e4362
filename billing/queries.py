"""Reads of billing with a fixed number of queries."""

from django.db.models import Sum

from billing.models import BillingAddress, CartLine
from portal.lib.compiled import CompiledQuery
from portal.models import Group


def cart_lines(group: Group) -> list[CartLine]:
    return list(CartLine.objects.filter(group=group).select_related("product").order_by("pk"))


def cart_items(group_id: int):
    """The group's cart's item count as a one-row query (for a statement of several counts)."""
    return (
        CartLine.objects.filter(group_id=group_id)
        .values("group_id")
        .annotate(n=Sum("quantity"))
        .values_list("n")
        .order_by()
    )


# Compiled once per process: the employer menu shows it on every page (issue 19).
_CART_COUNT = CompiledQuery(cart_items, 1)


def cart_count(group: Group) -> int:
    """How many items the group's cart holds (one query), for the cart link."""
    found = _CART_COUNT.rows(group.pk)
    return (found[0][0] if found else 0) or 0


def group_addresses(group: Group) -> list[BillingAddress]:
    return list(BillingAddress.objects.filter(group=group).order_by("-created_at"))
