"""A list page and its row count in one statement (issue 19): the page's rows carry the
total (`COUNT(*) OVER ()`), so the paginator's own count query runs only for a page past the
end or an invalid number, where Django's `get_page` rules apply unchanged."""

from collections.abc import Callable

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window

from permits.compiled import CompiledQuery

TOTAL = "page_total"


def with_total(queryset: QuerySet) -> QuerySet:
    """The annotation `page_of` reads the count from."""
    return queryset.annotate(**{TOTAL: Window(Count("*"))})


def page_of(
    query: CompiledQuery,
    values: tuple,
    requested,
    count: Callable[[], int],
    per_page: int = 50,
) -> Page:
    """`Paginator(rows, per_page).get_page(requested)` with the rows as dicts of `query` (a
    values() query built with `with_total`); `count()` counts them when it has to."""
    try:
        number = int(requested) if requested is not None else 1
    except (TypeError, ValueError):
        number = 1
    if 1 <= number <= 10**9:  # beyond: get_page's last page, with no huge OFFSET
        rows = query.dicts(*values, limit=per_page, offset=(number - 1) * per_page)
        if rows or number == 1:
            paginator = Paginator(rows, per_page)
            paginator.count = rows[0][TOTAL] if rows else 0
            return Page(rows, number, paginator)
    # Past the end, or below 1: the last page, as get_page answers.
    paginator = Paginator([], per_page)
    paginator.count = count()
    number = paginator.get_page(requested).number
    rows = query.dicts(*values, limit=per_page, offset=(number - 1) * per_page)
    return Page(rows, number, paginator)
