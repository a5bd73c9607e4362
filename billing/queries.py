"""Reads of billing with a fixed number of queries."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Sum

from billing.models import BillingAddress, BillingProfile, CartLine, Order, OrderLine
from portal.models import Group, Organisation


def cart_lines(group: Group) -> list[CartLine]:
    return list(CartLine.objects.filter(group=group).select_related("product").order_by("pk"))


def cart_count(group: Group) -> int:
    """How many items the group's cart holds (one query), for the cart link."""
    return CartLine.objects.filter(group=group).aggregate(n=Sum("quantity"))["n"] or 0


def group_addresses(group: Group) -> list[BillingAddress]:
    return list(BillingAddress.objects.filter(group=group).order_by("-created_at"))


def group_orders(group: Group) -> QuerySet[Order]:
    """Transaction history, newest first (drafts are not transactions)."""
    return (
        Order.objects.filter(group=group)
        .exclude(state=Order.State.DRAFT)
        .select_related("buyer")
        .prefetch_related(
            Prefetch("lines", queryset=OrderLine.objects.select_related("product").order_by("pk"))
        )
        .order_by("-created_at")
    )


def staff_open_invoices(service_keys: list[str]) -> QuerySet[Order]:
    return (
        Order.objects.filter(state=Order.State.INVOICED, group__service__in=service_keys)
        .select_related("group__organisation")
        .order_by("due_on", "pk")
    )


def staff_organisations(service_keys: list[str]) -> QuerySet[Organisation]:
    """Organisations with a group in the staff's services; `eligible` says whether they may
    pay by invoice there."""
    eligible = BillingProfile.objects.filter(
        organisation=OuterRef("pk"), service__in=service_keys, invoice_eligible=True
    )
    return (
        Organisation.objects.filter(
            groups__service__in=service_keys, status=Organisation.Status.ACTIVE
        )
        .distinct()
        .annotate(eligible=Exists(eligible))
        .order_by("legal_name")
    )


def staff_invoice_requests(service_keys: list[str]) -> list[BillingProfile]:
    """Requests for invoice billing waiting for the office, oldest first (one query)."""
    return list(
        BillingProfile.objects.filter(
            service__in=service_keys, invoice_requested_at__isnull=False, invoice_eligible=False
        )
        .select_related("organisation", "invoice_requested_by")
        .order_by("invoice_requested_at", "pk")[:100]
    )
