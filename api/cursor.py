"""Opaque cursors: the position after the last row of a page (keyset pagination), encoded
as URL-safe base64 JSON. A cursor that does not decode is refused with a 400."""

import base64
import json

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions

DEFAULT_SIZE = 20
MAX_SIZE = 50


class InvalidCursor(exceptions.ValidationError):
    default_detail = _("This cursor is not valid: use the “next” link of a previous page.")


def encode(values: list) -> str:
    raw = json.dumps(values, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(text: str, types: tuple) -> list:
    """The cursor's values, each checked against `types` (one type or tuple per value)."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        values = json.loads(raw)
    except (ValueError, TypeError) as error:
        raise InvalidCursor({"cursor": [InvalidCursor.default_detail]}) from error
    if not isinstance(values, list) or len(values) != len(types):
        raise InvalidCursor({"cursor": [InvalidCursor.default_detail]})
    for value, kind in zip(values, types, strict=True):
        if isinstance(value, bool) and kind is not bool:
            raise InvalidCursor({"cursor": [InvalidCursor.default_detail]})
        if not isinstance(value, kind):
            raise InvalidCursor({"cursor": [InvalidCursor.default_detail]})
    return values


def page_size(params) -> int:
    text = params.get("page_size") or ""
    if not text:
        return DEFAULT_SIZE
    if not text.isdigit() or not 1 <= int(text) <= MAX_SIZE:
        raise exceptions.ValidationError({"page_size": [_("Give a page size from 1 to 50.")]})
    return int(text)


def next_link(request, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    query = request.GET.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(request.path + "?" + query.urlencode())


def keyset_page(queryset, request, *, field: str = "created_at", descending: bool = True):
    """One page of a queryset ordered by (field, pk), after the request's cursor, and the
    link to the next page (None on the last). One query."""
    import datetime

    from django.db.models import Q

    size = page_size(request.GET)
    text = request.GET.get("cursor")
    if text:
        at, pk = decode(text, (str, int))
        try:
            when = datetime.datetime.fromisoformat(at)
        except ValueError as error:
            raise InvalidCursor({"cursor": [InvalidCursor.default_detail]}) from error
        op = "lt" if descending else "gt"
        queryset = queryset.filter(
            Q(**{f"{field}__{op}": when}) | Q(**{field: when, f"pk__{op}": pk})
        )
    order = (f"-{field}", "-pk") if descending else (field, "pk")
    rows = list(queryset.order_by(*order)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    last = rows[-1] if more else None
    following = encode([getattr(last, field).isoformat(), last.pk]) if last is not None else None
    return rows, next_link(request, following)
