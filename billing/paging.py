"""A list page's rows and their total in one statement (COUNT(*) OVER ()), as the Paginator's
page: the paginator's own COUNT query and a second query building cost a list page more CPU
than its rows (issue 19). Shared by billing's and licensing's lists; a candidate for
portal/lib."""

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window
from django.utils.functional import cached_property


class CountedPaginator(Paginator):
    """A paginator told its row count, so it runs no COUNT query of its own."""

    def __init__(self, object_list, per_page: int, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def counted_page(rows: QuerySet, columns: tuple[str, ...], per_page: int, number) -> Page:
    """Page `number` (read as Paginator.get_page reads it) of `rows` as tuples of `columns`.
    A number that is not a page (past the end, below 1, not a whole number) takes the
    paginator's own two queries, which pick the page it would."""
    values = rows.values_list(*columns)
    try:
        wanted = 1 if number in (None, "") else int(number)
    except (TypeError, ValueError):
        wanted = 0
    if wanted < 1:
        return Paginator(values, per_page).get_page(number)
    start = (wanted - 1) * per_page
    fetched = list(rows.values_list(*columns, Window(Count("*")))[start : start + per_page])
    if not fetched and wanted > 1:
        return Paginator(values, per_page).get_page(number)
    total = fetched[0][-1] if fetched else 0
    return Page([row[:-1] for row in fetched], wanted, CountedPaginator(values, per_page, total))
