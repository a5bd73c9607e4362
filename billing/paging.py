"""A list page's rows and their total in one statement (COUNT(*) OVER ()), compiled once per
process, as the Paginator's page: the paginator's own COUNT query, and building a statement
through the ORM, cost a list page more CPU than its rows (issue 19). Shared by billing's and
licensing's lists; a candidate for portal/lib."""

from collections.abc import Callable, Hashable

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, QuerySet, Window
from django.utils.functional import cached_property

# Stand for a page's own values (a group's id…) in the statements compiled once.
_ANY = -987654321

_compiled: dict[Hashable, tuple[str, tuple]] = {}


class CountedPaginator(Paginator):
    """A paginator told its row count, so it runs no COUNT query of its own."""

    def __init__(self, object_list, per_page: int, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def _statement(key: Hashable, build: Callable[[], QuerySet]) -> tuple[str, tuple]:
    found = _compiled.get(key)
    if found is None:
        sql, params = build().query.sql_with_params()
        found = _compiled[key] = (sql, tuple(params))
    return found


def compiled_rows(
    key: Hashable, build: Callable[..., QuerySet], args: tuple = (), suffix: str = ""
) -> list[tuple]:
    """The rows of `build(*args)` (a values_list), its SQL compiled once per `key`: `build`
    is called with stand-ins for `args`, which are bound at each run. `key` must name every
    other value `build` puts in the statement (e.g. a staff member's services)."""
    stand_ins = tuple(_ANY - index for index in range(len(args)))
    sql, params = _statement(key, lambda: build(*stand_ins))
    bound = dict(zip(stand_ins, args, strict=True))
    values = [bound.get(p, p) if type(p) is int else p for p in params]
    with connection.cursor() as cursor:
        cursor.execute(sql + suffix, values)
        return cursor.fetchall()


def counted_page(
    key: Hashable,
    build: Callable[..., QuerySet],
    args: tuple,
    columns: tuple[str, ...],
    per_page: int,
    number,
) -> Page:
    """Page `number` (read as Paginator.get_page reads it) of `build(*args)` as tuples of
    `columns`, in one statement compiled once per `key` (see `compiled_rows`). A number that
    is not a page (past the end, below 1, not a whole number) takes the paginator's own two
    queries, which pick the page it would."""
    try:
        wanted = 1 if number in (None, "") else int(number)
    except (TypeError, ValueError):
        wanted = 0
    if wanted < 1:
        return Paginator(build(*args).values_list(*columns), per_page).get_page(number)
    start = (wanted - 1) * per_page
    fetched = compiled_rows(
        ("counted", key, columns),
        lambda *values: build(*values).values_list(*columns, Window(Count("*"))),
        args,
        f" LIMIT {int(per_page)} OFFSET {int(start)}",
    )
    if not fetched and wanted > 1:
        return Paginator(build(*args).values_list(*columns), per_page).get_page(number)
    total = fetched[0][-1] if fetched else 0
    rows = [row[:-1] for row in fetched]
    return Page(rows, wanted, CountedPaginator(rows, per_page, total))
