"""ORM queries compiled once per process (issue 19): building a query's SQL costs more CPU
than running it on the permits pages, so a query whose shape never changes is compiled with
stand-in values and run with the real ones (the pattern of portal.access's memberships)."""

import functools
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.db.models import Model, QuerySet

# Stand-ins for the values given at run time: no real id or key equals them.
STAND_INS = (-987654301, -987654302, -987654303)


class CompiledQuery:
    """`build(*STAND_INS[:arity])` compiled at first use; `rows(*values)` runs it. A query
    without slicing may be run a page at a time (`limit`, `offset`)."""

    def __init__(self, build: Callable[..., QuerySet], arity: int):
        self.build = build
        self.arity = arity

    @functools.cached_property
    def _compiled(self) -> tuple[str, tuple[Any, ...], list[int]]:
        queryset = self.build(*STAND_INS[: self.arity])
        query = queryset.query
        sql, params = query.sql_with_params()
        # Where each stand-in sits among the parameters (-1: a parameter of the query itself).
        # A text field's lookup turns its stand-in into text.
        keys = [*STAND_INS, *map(str, STAND_INS)]
        slots = [keys.index(p) % len(STAND_INS) if p in keys else -1 for p in params]
        return sql, tuple(params), slots

    def _run(self, cursor, values: tuple, limit: int | None, offset: int) -> None:
        sql, params, slots = self._compiled
        actual = [values[slot] if slot >= 0 else p for p, slot in zip(params, slots, strict=True)]
        if limit is not None:
            sql = f"{sql} LIMIT %s OFFSET %s"
            actual += [limit, offset]
        cursor.execute(sql, actual)

    def rows(self, *values: Any, limit: int | None = None, offset: int = 0) -> list[tuple]:
        with connection.cursor() as cursor:
            self._run(cursor, values, limit, offset)
            return cursor.fetchall()

    def dicts(self, *values: Any, limit: int | None = None, offset: int = 0) -> list[dict]:
        """The rows of a values() query as values() gives them (its columns are named after
        the values' names)."""
        with connection.cursor() as cursor:
            self._run(cursor, values, limit, offset)
            names = [column.name for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def instance(model: type[Model], values: tuple | list) -> Any:
    """A model instance from its concrete fields' columns, as the ORM builds it (the fields'
    database converters applied)."""
    fields = model._meta.concrete_fields
    converted = [
        f.from_db_value(v, None, connection) if hasattr(f, "from_db_value") else v
        for f, v in zip(fields, values, strict=True)
    ]
    return model.from_db(connection.alias, [f.attname for f in fields], converted)
