"""What list pages print per row, computed in Python once per request (issue 19): a template
tag, filter or get_FOO_display per row costs more than the row's query. Each helper gives
the same text the template would."""

import datetime
from collections.abc import Callable, Iterable

from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.formats import get_format

# The date format characters that are plain numbers, as Django's dateformat writes them.
_NUMBERS: dict[str, Callable[[datetime.date], str]] = {
    "d": lambda day: f"{day.day:02d}",
    "j": lambda day: str(day.day),
    "m": lambda day: f"{day.month:02d}",
    "n": lambda day: str(day.month),
    "Y": lambda day: f"{day.year:04d}",
}


def short_date() -> Callable[[datetime.date], str]:
    """`{{ day|date:"SHORT_DATE_FORMAT" }}` in the active language, as a function: the
    format's numbers joined in Python when it has only those (as fr and en do), otherwise
    Django's dateformat."""
    pattern = get_format("SHORT_DATE_FORMAT")
    if "\\" in pattern or any(c.isalpha() and c not in _NUMBERS for c in pattern):
        return lambda day: dateformat.format(day, pattern)
    parts = [_NUMBERS.get(c, c) for c in pattern]
    return lambda day: "".join(part if isinstance(part, str) else part(day) for part in parts)


def labels(choices: Iterable[tuple[str, object]]) -> dict[str, str]:
    """A field's choices as get_FOO_display gives them, in the active language."""
    return {value: str(label) for value, label in choices}


def url_prefix(name: str, *args: int) -> str:
    """The URL of `name` with `args` and a last integer argument left off, for a list to
    append each row's id and "/" (one reverse() per page instead of one per row)."""
    return reverse(name, args=[*args, 0]).removesuffix("0/")


def access_times(accesses: Iterable) -> None:
    """Each access's times as casework/registry/_access_when.html printed them, set on the
    access (`when`, `when_iso`, and `until`, `until_iso` when the last view was in another
    minute): the visit's local date and time, and the time of its last view."""
    short_datetime = get_format("SHORT_DATETIME_FORMAT")
    time_only = get_format("TIME_FORMAT")
    for access in accesses:
        at, last_at = timezone.localtime(access.at), timezone.localtime(access.last_at)
        access.when = dateformat.format(at, short_datetime)
        access.when_iso = dateformat.format(at, "c")
        same_minute = (at.hour, at.minute) == (last_at.hour, last_at.minute)
        access.until = "" if same_minute else dateformat.time_format(last_at, time_only)
        access.until_iso = "" if same_minute else dateformat.format(last_at, "c")
