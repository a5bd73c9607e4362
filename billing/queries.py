"""Reads of billing with a fixed number of queries."""

from django.db.models import Sum

from billing.models import BillingAddress, CartLine
from portal.models import Group


def cart_lines(group: Group) -> list[CartLine]:
    return list(CartLine.objects.filter(group=group).select_related("product").order_by("pk"))


def cart_count(group: Group) -> int:
    """How many items the group's cart holds (one query), for the cart link."""
    return CartLine.objects.filter(group=group).aggregate(n=Sum("quantity"))["n"] or 0


def group_addresses(group: Group) -> list[BillingAddress]:
    return list(BillingAddress.objects.filter(group=group).order_by("-created_at"))
