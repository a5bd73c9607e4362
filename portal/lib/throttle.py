"""Rate limits in the shared cache (Redis in production, so every web worker counts alike).

A `Throttle` counts events per key in fixed windows; it knows how long the caller must wait,
so a refused person is told when to try again instead of being told they are wrong.

    PIN_PER_USER = Throttle("permits-pin-user", limit=5, window=15 * 60)
    PIN_PER_ACCOUNT = Throttle("permits-pin-target", limit=20, window=15 * 60)
    PIN_PER_ADDRESS = Throttle("permits-pin-ip", limit=200, window=15 * 60)  # a ceiling only

    wait = first_wait((PIN_PER_USER, user.pk), (PIN_PER_ADDRESS, ip))
    if wait:
        raise PermitsError(wait_message(wait))
    ...
    if wrong:
        PIN_PER_USER.hit(user.pk); PIN_PER_ADDRESS.hit(ip)

Fixed windows allow at most twice the limit across a window boundary; for slowing guessing
down that is enough, and a wait time is exact.
"""

import math
import time

from django.core.cache import cache
from django.utils.translation import ngettext


class Throttle:
    def __init__(self, name: str, *, limit: int, window: int):
        self.name = name
        self.limit = limit
        self.window = window

    def _key(self, part, now: float) -> str:
        return f"throttle:{self.name}:{part}:{int(now // self.window)}"

    def count(self, part, now: float | None = None) -> int:
        now = time.time() if now is None else now
        return int(cache.get(self._key(part, now), 0))

    def wait(self, part, now: float | None = None) -> int:
        """Seconds until `part` may try again; 0 when it is not blocked."""
        now = time.time() if now is None else now
        if self.count(part, now) < self.limit:
            return 0
        return max(1, math.ceil(self.window - now % self.window))

    def hit(self, part, now: float | None = None) -> int:
        """Count one event for `part`; returns the count in the current window."""
        now = time.time() if now is None else now
        key = self._key(part, now)
        if cache.add(key, 1, self.window + 1):
            return 1
        try:
            return int(cache.incr(key))
        except ValueError:  # expired between add and incr
            cache.set(key, 1, self.window + 1)
            return 1

    def reset(self, part, now: float | None = None) -> None:
        now = time.time() if now is None else now
        cache.delete(self._key(part, now))


def first_wait(*checks: tuple[Throttle, object]) -> int:
    """The longest wait among (throttle, key) pairs; 0 when none is blocked."""
    return max((throttle.wait(part) for throttle, part in checks), default=0)


def wait_message(seconds: int) -> str:
    """'Too many tries: wait N minutes', in the active language."""
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many tries. Wait %(n)s minute, then try again.",
        "Too many tries. Wait %(n)s minutes, then try again.",
        minutes,
    ) % {"n": minutes}
