"""A list page and its row count in one statement (issue 19): the page's rows carry the total
(`COUNT(*) OVER ()`, see `with_total`), so Django's paginator needs no COUNT query of its own.
Only a page past the end, or below 1, also counts the rows (`count()`) and reads the page
`Paginator.get_page` would answer: the same page and rows as the plain paginator gives.
Where the count is read already (with other counts in one statement), `counted_page` reads
the page's rows alone."""

from collections.abc import Callable

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window
from django.utils.functional import cached_property

from portal.lib.compiled import CompiledQuery

TOTAL = "page_total"


def with_total(queryset: QuerySet) -> QuerySet:
    """The total's annotation: name it last in values() / values_list(), as `TOTAL`."""
    return queryset.annotate(**{TOTAL: Window(Count("*"))})


class CountedPaginator(Paginator):
    """A paginator told its row count, so it runs no COUNT query of its own."""

    def __init__(self, object_list, per_page: int, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def _page_number(requested) -> int:
    """`requested` as Paginator.validate_number reads it; 1 where get_page would answer the
    first page (None, "", "x", "2.5")."""
    try:
        if isinstance(requested, float) and not requested.is_integer():
            return 1
        return int(requested)
    except (TypeError, ValueError):
        return 1


def _fetch(query: CompiledQuery, values: tuple, dicts: bool, per_page: int, number: int):
    """Page `number`'s rows without their total, and the total (0 for no rows)."""
    offset = (number - 1) * per_page
    if dicts:
        found = query.dicts(*values, limit=per_page, offset=offset)
        total = found[0][TOTAL] if found else 0
        for row in found:
            del row[TOTAL]
        return found, total
    rows = query.rows(*values, limit=per_page, offset=offset)
    return [row[:-1] for row in rows], (rows[0][-1] if rows else 0)


def page_of(
    query: CompiledQuery,
    values: tuple,
    requested,
    count: Callable[[], int],
    per_page: int = 50,
    dicts: bool = False,
) -> Page:
    """`Paginator(rows, per_page).get_page(requested)` for `query` (a values_list() query
    built with `with_total`, its total last; a values() one with `dicts`) run with `values`:
    one statement; `count()` counts the rows when the number is not a page."""
    number = _page_number(requested)
    if 1 <= number <= 10**9:  # beyond: get_page's last page, with no huge OFFSET
        rows, total = _fetch(query, values, dicts, per_page, number)
        if rows or number == 1:
            return Page(rows, number, CountedPaginator(rows, per_page, total))
    # Past the end, or below 1: the last page, as get_page answers.
    paginator = CountedPaginator([], per_page, count())
    number = paginator.get_page(requested).number
    rows, _total = _fetch(query, values, dicts, per_page, number)
    return Page(rows, number, paginator)


def counted_page(
    query: CompiledQuery, values: tuple, requested, count: int, per_page: int = 50
) -> Page:
    """`Paginator(rows, per_page).get_page(requested)` for the `count` rows of `query` run with
    `values` (a values_list() query, no total): one statement, none for an empty page."""
    paginator = CountedPaginator([], per_page, count)
    number = paginator.get_page(requested).number
    offset = (number - 1) * per_page
    size = min(per_page, count - offset)
    rows = query.rows(*values, limit=size, offset=offset) if size > 0 else []
    return Page(rows, number, paginator)
