"""Read queries compiled once per process (issue 19).

Building an ORM query (filters, joins, ordering) costs about half a millisecond of CPU on
every request, more than PostgreSQL takes to run a list page's query. A page's fixed queries
are therefore built once with placeholder values (`INT`, `TEXT`), and each request runs the
SQL with its own values. Only for plain columns (numbers, text, dates, booleans): the rows
are the database driver's, without the ORM's converters (tests/casework/test_compiled.py
checks that they equal the ORM's).
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import QuerySet

# Placeholders: values no request ever filters on, replaced by the request's own.
INT = -987_654_301
INT_2 = -987_654_302
TEXT = "«casework placeholder»"
DATE = datetime.date(1, 1, 2)
DATE_2 = datetime.date(1, 1, 3)
_REPLACED = (int, str, datetime.date)


@dataclass(frozen=True)
class Compiled:
    sql: str
    params: tuple[Any, ...]

    @classmethod
    def of(cls, queryset: QuerySet) -> "Compiled":
        """The query of `queryset` (no slice: `rows()` takes the limit and offset)."""
        sql, params = queryset.query.sql_with_params()
        return cls(sql, tuple(params))

    @classmethod
    def counts(cls, *querysets: QuerySet) -> "Compiled":
        """One statement counting the rows of each queryset (one row, one column each)."""
        parts = [cls.of(queryset.order_by().values("pk")) for queryset in querysets]
        columns = ", ".join(
            f"(SELECT COUNT(*) FROM ({part.sql}) AS c{n})"  # noqa: S608 (the ORM's SQL; values are parameters)
            for n, part in enumerate(parts)
        )
        return cls(f"SELECT {columns}", tuple(p for part in parts for p in part.params))

    def rows(
        self, values: Mapping[Any, Any], *, limit: int | None = None, offset: int = 0
    ) -> list[tuple]:
        sql = self.sql if limit is None else f"{self.sql} LIMIT {int(limit)} OFFSET {int(offset)}"
        params = [values.get(p, p) if isinstance(p, _REPLACED) else p for p in self.params]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


class PagedRows(Sequence):
    """What a Paginator pages through when the count is known already (read with other counts
    in one statement): slicing runs the compiled query for that page only."""

    def __init__(self, total: int, query: Compiled, values: Mapping[Any, Any]):
        self.total, self.query, self.values = total, query, values

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):  # type: ignore[override]
        if not isinstance(index, slice) or index.step is not None:
            raise TypeError("PagedRows only gives slices of rows")
        start = index.start or 0
        stop = self.total if index.stop is None else index.stop
        if stop <= start:  # an empty page: no statement, as the ORM does
            return []
        return self.query.rows(self.values, limit=stop - start, offset=start)
