"""The shared cache while Redis is unreachable (portal.lib.cache): misses, dropped writes and
rate limits that let people through, each failure logged; never an exception to the page."""

import logging

import pytest

from portal.lib.cache import FailSoftRedisCache
from portal.lib.throttle import Throttle
from tests.faults.stack import free_port


@pytest.fixture
def unreachable(monkeypatch):
    """The cache pointed at a port where nothing listens."""
    cache = FailSoftRedisCache(
        f"redis://127.0.0.1:{free_port()}/0",
        {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}},
    )
    monkeypatch.setattr("portal.lib.throttle.cache", cache)
    return cache


def test_reads_miss_and_writes_are_dropped(unreachable, caplog):
    caplog.set_level(logging.WARNING, logger="portal.cache")
    assert unreachable.get("k", "default") == "default"
    assert unreachable.get_many(["a", "b"]) == {}
    assert unreachable.has_key("k") is False
    assert unreachable.set("k", 1) is None
    assert unreachable.set_many({"a": 1}) == ["a"]
    assert unreachable.add("lock", True) is True  # a lock is taken, not waited for
    assert unreachable.touch("k") is False
    assert unreachable.delete("k") is False
    unreachable.delete_many(["a"])
    unreachable.clear()
    with pytest.raises(ValueError):
        unreachable.incr("k")
    assert caplog.messages[0] == "cache unreachable (get): ConnectionError"
    assert len(caplog.messages) == 11


def test_a_rate_limit_lets_people_through_while_redis_is_down(unreachable):
    limit = Throttle("tests-down", limit=2, window=60)
    assert [limit.hit("ana") for _n in range(5)] == [1, 1, 1, 1, 1]
    assert limit.wait("ana") == 0
