"""The rows of billing's list pages (transaction history, the staff's invoice page) as plain
strings, built once per request in Python (issue 19): each page's statements read only the
columns shown, one reverse() per table gives every row's URL, and dates, amounts and labels
are formatted here instead of by a filter per cell. User text stays plain text: templates
escape it (the products cell is built with format_html_join, which escapes each line)."""

from django.core.paginator import Page
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from billing.models import BillingProfile, Order, OrderLine
from billing.templatetags.money import cents
from portal.lib.compiled import CompiledQuery, compiled
from portal.lib.paging import TOTAL, page_of, with_total
from portal.lib.typography import long_date
from portal.models import Group, Organisation
from portal.models.organisations import group_label

PER_PAGE = 50


def _url_halves(name: str, *args: int) -> tuple[str, str]:
    """The URL of `name` for args ending in an id 0, split around that id."""
    head, tail = reverse(name, args=[*args, 0]).rsplit("/0/", 1)
    return head + "/", "/" + tail


def _person(first_name: str | None, last_name: str | None, email: str | None) -> str:
    """accounts.User.display_name from its columns."""
    return f"{first_name} {last_name}".strip() or (email or "")


def _invoice_number(year: int | None, seq: int | None) -> str:
    """billing.models.Order.invoice_number from its columns."""
    return "" if seq is None else f"{year}-{seq:05d}"


# --- Transaction history ------------------------------------------------------------------

_ORDER_COLUMNS = (
    "pk",
    "created_at",
    "invoice_year",
    "invoice_seq",
    "buyer__first_name",
    "buyer__last_name",
    "buyer__email",
    "state",
    "total_cents",
)


def _products(lines: list[tuple[int, str]]) -> SafeString:
    """ "3 × Licence<br>1 × …": each line escaped, joined by line breaks."""
    return format_html_join(mark_safe("<br>"), "{} × {}", lines)


def _transactions(group_id: int) -> QuerySet[Order]:
    return (
        Order.objects.filter(group_id=group_id)
        .exclude(state=Order.State.DRAFT)
        .order_by("-created_at")
    )


_HISTORY = CompiledQuery(
    lambda group_id: with_total(_transactions(group_id)).values_list(*_ORDER_COLUMNS, TOTAL), 1
)


def history_page(group: Group, number) -> tuple[Page, list[dict]]:
    """A page of the group's transactions (drafts are not transactions), newest first, with
    their lines: two statements (the page and its total; the page's lines)."""
    page = page_of(_HISTORY, (group.pk,), number, lambda: _transactions(group.pk).count(), PER_PAGE)
    lines: dict[int, list[tuple[int, str]]] = {}
    if page.object_list:
        french = get_language() == "fr"
        for order_id, quantity, reference, description, name_fr, name_en in (
            OrderLine.objects.filter(order_id__in=[values[0] for values in page.object_list])
            .order_by("pk")
            .values_list(
                "order_id",
                "quantity",
                "reference",
                "description",
                "product__name_fr",
                "product__name_en",
            )
        ):
            label = description if reference else (name_fr if french else name_en)
            lines.setdefault(order_id, []).append((quantity, label))
    states = {value: str(label) for value, label in Order.State.choices}
    head, tail = _url_halves("billing:invoice", group.pk)
    rows = [
        {
            "day": long_date(created_at),
            "invoice": _invoice_number(year, seq),
            "invoice_url": f"{head}{pk}{tail}",
            "products": _products(lines.get(pk, [])),
            "buyer": _person(first_name, last_name, email),
            "state": states.get(state, state),
            "total": cents(total),
        }
        for pk, created_at, year, seq, first_name, last_name, email, state, total in (
            page.object_list
        )
    ]
    return page, rows


# --- The staff's invoice page -------------------------------------------------------------


def invoice_requests(service_keys: list[str]) -> list[dict]:
    """Requests for invoice billing waiting for the office, oldest first (one statement)."""
    head, tail = _url_halves("billing:staff_invoice_eligibility")

    def build():
        return (
            BillingProfile.objects.filter(
                service__in=service_keys,
                invoice_requested_at__isnull=False,
                invoice_eligible=False,
            )
            .order_by("invoice_requested_at", "pk")
            .values_list(
                "organisation_id",
                "organisation__legal_name",
                "invoice_requested_by_id",
                "invoice_requested_by__first_name",
                "invoice_requested_by__last_name",
                "invoice_requested_by__email",
                "invoice_requested_at",
            )[:100]
        )

    profiles = compiled(("invoice_requests", tuple(service_keys)), build).rows()
    return [
        {
            "organisation": legal_name,
            "asked": asked_by_id is not None,
            "asked_by": _person(first_name, last_name, email) if asked_by_id else "",
            "email": email,
            "received": date_format(timezone.localtime(received), "SHORT_DATE_FORMAT"),
            "url": f"{head}{organisation_id}{tail}",
        }
        for organisation_id, legal_name, asked_by_id, first_name, last_name, email, received in (
            profiles
        )
    ]


_INVOICE_COLUMNS = (
    "pk",
    "invoice_year",
    "invoice_seq",
    "group__organisation__operating_name",
    "group__organisation__legal_name",
    "group__name",
    "due_on",
    "total_cents",
)


def open_invoices_page(service_keys: list[str], number) -> tuple[Page, list[dict]]:
    """Invoices waiting for payment, by due date: one statement (the page and its total)."""

    def build():
        return Order.objects.filter(
            state=Order.State.INVOICED, group__service__in=service_keys
        ).order_by("due_on", "pk")

    query = compiled(
        ("open_invoices", tuple(service_keys)),
        lambda: with_total(build()).values_list(*_INVOICE_COLUMNS, TOTAL),
    )
    page = page_of(query, (), number, lambda: build().count(), PER_PAGE)
    head, tail = _url_halves("billing:staff_mark_paid")
    rows = [
        {
            "invoice": _invoice_number(year, seq),
            # str(Organisation) — str(Group) as the page showed it.
            "group": f"{operating_name or legal_name} — {group_label(group_name)}",
            "due": long_date(due_on),
            "total": cents(total),
            "url": f"{head}{pk}{tail}",
        }
        for pk, year, seq, operating_name, legal_name, group_name, due_on, total in (
            page.object_list
        )
    ]
    return page, rows


def organisations_page(service_keys: list[str], number) -> tuple[Page, list[dict]]:
    """Active organisations with a group in the staff's services, by name, and whether they
    may pay by invoice there: one statement (the page and its total)."""

    def build():
        in_service = Group.objects.filter(organisation=OuterRef("pk"), service__in=service_keys)
        eligible = BillingProfile.objects.filter(
            organisation=OuterRef("pk"), service__in=service_keys, invoice_eligible=True
        )
        return (
            Organisation.objects.filter(Exists(in_service), status=Organisation.Status.ACTIVE)
            .annotate(eligible=Exists(eligible))
            .order_by("legal_name", "pk")
        )

    query = compiled(
        ("organisations", tuple(service_keys)),
        lambda: with_total(build()).values_list("pk", "legal_name", "eligible", TOTAL),
    )
    page = page_of(query, (), number, lambda: build().count(), PER_PAGE)
    head, tail = _url_halves("billing:staff_invoice_eligibility")
    rows = [
        {"pk": str(pk), "name": name, "eligible": eligible, "url": f"{head}{pk}{tail}"}
        for pk, name, eligible in page.object_list
    ]
    return page, rows
