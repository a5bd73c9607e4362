"""Rate limits in the shared cache (Redis in production, so every web worker counts alike;
`check --deploy` refuses a cache of each process: portal.checks.shared_cache).

A `Throttle` counts events per key in fixed windows; it knows how long the caller must wait,
so a refused person is told when to try again instead of being told they are wrong.

    PIN_PER_USER = Throttle("permits-pin-user", limit=5, window=15 * 60)
    PIN_PER_ADDRESS = Throttle("permits-pin-ip", limit=200, window=15 * 60)  # a ceiling only

    attempt = take((PIN_PER_USER, user.pk), (PIN_PER_ADDRESS, ip))
    if attempt.wait:
        raise PermitsError(wait_message(attempt.wait))
    ...check the PIN...
    if right:
        attempt.give_back()  # only refused tries count

`take` counts the try BEFORE it is checked, with the cache's atomic increment (Redis INCR):
among simultaneous tries, in any number of processes, exactly `limit` go ahead. Checking
first and counting after (`first_wait`, then `hit`) lets every try that arrives before the
first one is counted through.

Fixed windows allow at most twice the limit across a window boundary; for slowing guessing
down that is enough, and a wait time is exact.
"""

import contextlib
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
        return self.window_left(now)

    def window_left(self, now: float) -> int:
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

    def unhit(self, part, now: float) -> None:
        """Take back one event counted by `hit` at `now` (same window)."""
        # ValueError: the window's counter expired meanwhile; nothing to take back.
        with contextlib.suppress(ValueError):
            cache.decr(self._key(part, now))

    def reset(self, part, now: float | None = None) -> None:
        now = time.time() if now is None else now
        cache.delete(self._key(part, now))


class Attempt:
    """One try counted by `take`: `wait` is 0 when it may go ahead, else the seconds to wait."""

    def __init__(self, counted: list[tuple[Throttle, object]], now: float, wait: int = 0):
        self.counted = counted
        self.now = now
        self.wait = wait
        # The throttles this try filled up (for a log line when guessing gets blocked).
        self.filled: list[tuple[Throttle, object]] = []

    def give_back(self) -> None:
        """Uncount the try (it succeeded, and only refused tries count)."""
        for throttle, part in self.counted:
            throttle.unhit(part, self.now)
        self.counted = []


def take(*checks: tuple[Throttle, object], now: float | None = None) -> Attempt:
    """Count one try against every (throttle, key) pair, atomically, before the try is made.

    When a pair is over its limit, the try is refused (`attempt.wait` seconds to wait) and
    counted nowhere: waiting is enough. Concurrent tries each see their own count, so no more
    than `limit` of them go ahead."""
    now = time.time() if now is None else now
    attempt = Attempt([], now)
    for throttle, part in checks:
        count = throttle.hit(part, now)
        attempt.counted.append((throttle, part))
        if count > throttle.limit:
            attempt.give_back()
            attempt.wait = throttle.window_left(now)
            return attempt
        if count == throttle.limit:
            attempt.filled.append((throttle, part))
    return attempt


def first_wait(*checks: tuple[Throttle, object]) -> int:
    """The longest wait among (throttle, key) pairs; 0 when none is blocked. Not atomic with
    a later `hit`: simultaneous tries all pass; prefer `take`."""
    return max((throttle.wait(part) for throttle, part in checks), default=0)


def wait_message(seconds: int) -> str:
    """'Too many tries: wait N minutes', in the active language."""
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many tries. Wait %(n)s minute, then try again.",
        "Too many tries. Wait %(n)s minutes, then try again.",
        minutes,
    ) % {"n": minutes}
