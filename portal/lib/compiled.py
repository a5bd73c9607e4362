"""ORM queries compiled once per process (issue 19): building a statement through the ORM
costs a list page more CPU than running it, so a query whose shape never changes is built
once with stand-in values and run with each request's real ones.

THE RULE: only the stand-ins are bound per run; every other value the query puts in its SQL
is frozen for the life of the process. So a value that can change between requests must be an
argument of `build` (a stand-in), or the query must not be compiled at all:
- never the time (`timezone.now()`, `date.today()`, a cut-off computed from them),
- never a translation (`gettext`, a lazy string, anything chosen by the active language),
- never a setting or a database value read at build time (they change under tests, and with
  the admin), nor the request's user, group or language.
A value that only picks the query's shape (a state given or not, a staff member's list of
services) goes in the key of `compiled(key, …)`, one compiled query per key.
A date the query compares with (a report's period) is an argument too: the last `dates` of
`build`'s arguments are given `DATE_STAND_INS`, and each run binds its own dates.
What can be checked is: a query whose parameters hold a date or time other than those
stand-ins, or that builds differently in each language of the site, is refused at its first
use (ValueError).

(portal.access's memberships query follows the same pattern with its own code.)"""

import datetime
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Model, QuerySet
from django.utils import translation

# Stand-ins for the values given at run time: no real id, key or date equals them.
STAND_INS = (-987654301, -987654302, -987654303)
DATE_STAND_INS = (datetime.date(1, 1, 2), datetime.date(1, 1, 3))


@dataclass(frozen=True)
class Statement:
    """SQL and its parameters, for what one queryset cannot say (several querysets counted or
    joined together): made of the querysets' own SQL by `combined` or `counts`."""

    sql: str
    params: tuple[Any, ...]


def _statement(query: "QuerySet | Statement") -> Statement:
    if isinstance(query, Statement):
        return query
    sql, params = query.query.sql_with_params()
    return Statement(sql, tuple(params))


def combined(template: str, *queries: "QuerySet | Statement") -> Statement:
    """`template` with each `{}` replaced by a query's SQL in turn, their parameters in the
    same order (the template itself is fixed SQL: no value of any request)."""
    parts = [_statement(query) for query in queries]
    return Statement(
        template.format(*(part.sql for part in parts)),
        tuple(param for part in parts for param in part.params),
    )


def counts(*querysets: QuerySet) -> Statement:
    """One statement counting the rows of each queryset: one row, a column each."""
    columns = ", ".join(
        f"(SELECT COUNT(*) FROM ({{}}) AS c{n})"  # noqa: S608 (fixed SQL; values are parameters)
        for n in range(len(querysets))
    )
    return combined(f"SELECT {columns}", *(q.order_by().values("pk") for q in querysets))


def _slot(param: Any, stand_ins: tuple[Any, ...]) -> int:
    """Which stand-in `param` is (-1: a parameter of the query itself). A text field's lookup
    turns its stand-in into text."""
    for index, stand_in in enumerate(stand_ins):
        if param == stand_in:  # a date never equals a number
            return index
        if isinstance(stand_in, int) and param == str(stand_in):
            return index
    return -1


class CompiledQuery:
    """`build(*stand_ins)` compiled at first use; `rows(*values)` / `dicts(*values)` run it
    with `values` in place of the stand-ins. `build` takes `arity` arguments: ids or keys
    (`STAND_INS`), then its last `dates` are dates (`DATE_STAND_INS`). It gives a queryset, or
    a `Statement` made of querysets. A query without slicing may be run a page at a time
    (`limit`, `offset`)."""

    def __init__(
        self, build: Callable[..., "QuerySet | Statement"], arity: int = 0, dates: int = 0
    ):
        if not 0 <= dates <= min(arity, len(DATE_STAND_INS)) or arity - dates > len(STAND_INS):
            raise ValueError(f"{build!r}: no stand-ins for {arity} values ({dates} dates)")
        self.build = build
        self.arity = arity
        self.stand_ins = (*STAND_INS[: arity - dates], *DATE_STAND_INS[:dates])

    @cached_property
    def _compiled(self) -> tuple[str, tuple[Any, ...], list[int]]:
        languages = [code for code, _name in settings.LANGUAGES]
        built = []
        for language in languages:
            with translation.override(language):
                built.append(_statement(self.build(*self.stand_ins)))
        sql, params = built[0].sql, built[0].params
        if any(other != built[0] for other in built[1:]):
            raise ValueError(f"{self.build!r} builds a different query per language or run")
        # Where each stand-in sits among the parameters (-1: a parameter of the query itself).
        slots = [_slot(p, self.stand_ins) for p in params]
        if any(
            isinstance(p, (datetime.date, datetime.time)) and slot < 0
            for p, slot in zip(params, slots, strict=True)
        ):
            raise ValueError(f"{self.build!r} would freeze a date or time in its statement")
        for index, stand_in in enumerate(self.stand_ins):
            # A stand-in not bound as a whole parameter (a "contains" lookup, a computed value)
            # would run with the stand-in itself: refuse it.
            embedded = any(
                str(stand_in) in str(p) for p, slot in zip(params, slots, strict=True) if slot < 0
            )
            if index not in slots or embedded:
                raise ValueError(f"{self.build!r}: argument {index} is not a plain parameter")
        return sql, params, slots

    def _run(self, cursor, values: tuple, limit: int | None, offset: int) -> None:
        sql, params, slots = self._compiled
        if len(values) != self.arity:
            raise TypeError(f"{self.build!r} takes {self.arity} values, not {len(values)}")
        actual = [values[slot] if slot >= 0 else p for p, slot in zip(params, slots, strict=True)]
        if limit is not None:
            sql = f"{sql} LIMIT %s OFFSET %s"
            actual += [limit, offset]
        cursor.execute(sql, actual)

    def rows(self, *values: Any, limit: int | None = None, offset: int = 0) -> list[tuple]:
        """The rows as tuples (a values_list() query's, or a model's columns: `instance`)."""
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


_by_key: dict[Hashable, CompiledQuery] = {}


def compiled(
    key: Hashable, build: Callable[..., "QuerySet | Statement"], arity: int = 0, dates: int = 0
) -> CompiledQuery:
    """The compiled query of `build` for `key`, for a query whose shape depends on a value that
    cannot be a stand-in (a list of services of any length): `key` must name every such value
    `build` reads, so that each one has its own statement."""
    query = _by_key.get(key)
    if query is None:
        query = _by_key[key] = CompiledQuery(build, arity, dates)
    return query


def instance(model: type[Model], values: tuple | list) -> Any:
    """A model instance from its concrete fields' columns, as the ORM builds it (the fields'
    database converters applied)."""
    fields = model._meta.concrete_fields
    converted = [
        f.from_db_value(v, None, connection) if hasattr(f, "from_db_value") else v
        for f, v in zip(fields, values, strict=True)
    ]
    return model.from_db(connection.alias, [f.attname for f in fields], converted)
