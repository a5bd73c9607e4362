"""The shared cache (Redis) failing soft: while Redis is unreachable (a restart, a failover)
pages keep working instead of answering 500.

What degrades, and how (docs/production.md, "When Redis is down"):
- a read finds nothing (a miss), a write is dropped, `add` answers "stored" and a counter
  starts again at 1: the rate limits (sign-in, PINs, licence codes) do not hold until Redis
  is back, and they never lock anyone out;
- each failure is logged (`portal.cache`, warning) so the outage is seen.

Only connection failures and timeouts are caught; any other Redis error still raises. The
connection and socket timeouts are short (CACHES OPTIONS) so a hung Redis never holds a page.
"""

import logging
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("portal.cache")
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


def _down(operation: str, error: Exception) -> None:
    logger.warning("cache unreachable (%s): %s", operation, type(error).__name__)


class FailSoftRedisCache(RedisCache):
    def get(self, key, default=None, version=None) -> Any:
        try:
            return super().get(key, default, version)
        except UNREACHABLE as error:
            _down("get", error)
            return default

    def get_many(self, keys, version=None) -> dict:
        try:
            return super().get_many(keys, version)
        except UNREACHABLE as error:
            _down("get_many", error)
            return {}

    def has_key(self, key, version=None) -> bool:
        try:
            return super().has_key(key, version)
        except UNREACHABLE as error:
            _down("has_key", error)
            return False

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:  # type: ignore[override]
        try:
            return super().add(key, value, timeout, version)
        except UNREACHABLE as error:
            _down("add", error)
            # As if stored: a counter (portal.lib.throttle) starts at 1, and allauth's rate-limit
            # lock (an add) is taken at once instead of refusing everyone with 429.
            return True

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:  # type: ignore[override]
        try:
            super().set(key, value, timeout, version)
        except UNREACHABLE as error:
            _down("set", error)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None) -> list:  # type: ignore[override]
        try:
            return super().set_many(data, timeout, version)
        except UNREACHABLE as error:
            _down("set_many", error)
            return list(data)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:  # type: ignore[override]
        try:
            return super().touch(key, timeout, version)
        except UNREACHABLE as error:
            _down("touch", error)
            return False

    def incr(self, key, delta=1, version=None) -> int:
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE as error:
            _down("incr", error)
            # As for a missing key: the rate limits (portal.lib.throttle) then start at 1.
            raise ValueError(f"Key '{key}' not found (cache unreachable)") from error

    def delete(self, key, version=None) -> bool:
        try:
            return super().delete(key, version)
        except UNREACHABLE as error:
            _down("delete", error)
            return False

    def delete_many(self, keys, version=None) -> None:
        try:
            super().delete_many(keys, version)
        except UNREACHABLE as error:
            _down("delete_many", error)

    def clear(self) -> None:
        try:
            super().clear()
        except UNREACHABLE as error:
            _down("clear", error)
