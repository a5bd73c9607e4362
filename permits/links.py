"""URLs of the permits pages without a `reverse()` per link (issue 19): each URL name is
reversed once per language, script prefix and URLconf with stand-in ids, which the real
ids replace."""

import functools
from collections.abc import Callable

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# Valid for <int:...> converters, and no real id is this long.
_STAND_INS = ("9876543201", "9876543202")


@functools.lru_cache(maxsize=256)
def _reversed(name: str, arity: int, language: str | None, prefix: str, urlconf) -> str:
    return reverse(name, args=_STAND_INS[:arity], urlconf=urlconf)


def url_maker(name: str, arity: int = 1) -> Callable[..., str]:
    """`make(*ids)` gives `reverse(name, args=ids)` for the current language."""
    url = _reversed(name, arity, get_language(), get_script_prefix(), get_urlconf())
    stand_ins = _STAND_INS[:arity]

    def make(*ids: int) -> str:
        made = url
        for stand_in, value in zip(stand_ins, ids, strict=True):
            made = made.replace(stand_in, str(int(value)))
        return made

    return make
