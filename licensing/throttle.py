"""Guessing licence codes is slowed down: after 10 wrong codes in an hour, a user must wait.
(A code has 75 random bits, so this is about stopping noise and logging, not secrecy.)"""

import logging

from django.core.cache import cache

security_log = logging.getLogger("portal.security")

LIMIT = 10
WINDOW_SECONDS = 3600


def _key(user) -> str:
    return f"licensing:wrong-codes:{user.pk}"


def blocked(user) -> bool:
    return int(cache.get(_key(user), 0)) >= LIMIT


def record_wrong_code(user) -> None:
    key = _key(user)
    if cache.add(key, 1, WINDOW_SECONDS):
        return
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, WINDOW_SECONDS)
        return
    if count == LIMIT:
        security_log.warning("licence code guessing blocked user=%s", user.pk)
