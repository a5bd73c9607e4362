"""The core's state-machine and rate-limit helpers that every app uses."""

import pytest
from django.utils import translation

from portal.lib.throttle import Throttle, first_wait, take, wait_message
from portal.lib.transitions import TransitionError, Workflow
from portal.models import AuditEvent
from tests.factories import GroupFactory


class AppError(Exception):
    pass


FLOW = Workflow("thing", {"draft": {"sent"}, "sent": {"draft", "done"}, "done": set()})


@pytest.mark.django_db
def test_move_sets_state_and_writes_the_audit_event(alice):
    group = GroupFactory()
    previous = FLOW.move(group_with_state(group, "draft"), "sent", actor=alice, note="why")
    assert previous == "draft"
    event = AuditEvent.objects.get()
    assert (event.verb, event.from_state, event.to_state, event.note) == (
        "thing.sent",
        "draft",
        "sent",
        "why",
    )


@pytest.mark.django_db
def test_a_move_outside_the_table_raises_the_apps_error_and_changes_nothing(alice):
    flow = Workflow("thing", {"draft": {"sent"}}, error=lambda: AppError("no"))
    group = group_with_state(GroupFactory(), "draft")
    with pytest.raises(AppError):
        flow.move(group, "done", actor=alice)
    assert group.state == "draft"
    assert not AuditEvent.objects.exists()
    with pytest.raises(TransitionError):
        FLOW.move(group_with_state(GroupFactory(), "done"), "draft", actor=alice)


def test_next_states_and_can():
    assert FLOW.next_states("sent") == {"draft", "done"}
    assert FLOW.next_states("unknown") == frozenset()


def group_with_state(group, state):
    group.state = state
    return group


def test_throttle_blocks_at_the_limit_and_says_how_long_to_wait():
    throttle = Throttle("test", limit=3, window=900)
    now = 900 * 1000 + 60.0  # one minute into a window
    for _ in range(2):
        throttle.hit("u1", now)
    assert throttle.wait("u1", now) == 0
    throttle.hit("u1", now)
    assert throttle.wait("u1", now) == 840
    assert throttle.wait("u2", now) == 0, "another key is not affected"
    assert throttle.wait("u1", now + 840) == 0, "a new window starts afresh"


def test_first_wait_takes_the_longest_and_the_message_is_translated():
    short = Throttle("short", limit=1, window=60)
    long = Throttle("long", limit=1, window=3600)
    short.hit("k")
    long.hit("k")
    assert 0 < first_wait((short, "k"), (long, "k")) <= 3600
    assert first_wait((short, "other")) == 0
    with translation.override("en"):
        assert wait_message(61) == "Too many tries. Wait 2 minutes, then try again."
    with translation.override("fr"):
        assert "2 minutes" in wait_message(120)
        assert "Trop" in wait_message(120)


def test_take_counts_before_the_try_and_a_refused_try_counts_nowhere():
    person = Throttle("person", limit=2, window=900)
    address = Throttle("address", limit=100, window=900)
    now = 900 * 1000 + 60.0
    for expected in (1, 2):
        attempt = take((person, "u1"), (address, "ip"), now=now)
        assert attempt.wait == 0 and person.count("u1", now) == expected
    assert attempt.filled == [(person, "u1")]  # the try that reached the limit
    refused = take((person, "u1"), (address, "ip"), now=now)
    assert refused.wait == 840
    assert (person.count("u1", now), address.count("ip", now)) == (2, 2), "not counted"


def test_a_try_given_back_is_uncounted_and_a_blocked_pair_stops_the_others():
    person = Throttle("person", limit=5, window=900)
    address = Throttle("address", limit=1, window=900)
    now = 900 * 1000 + 60.0
    attempt = take((person, "u1"), (address, "ip"), now=now)
    attempt.give_back()
    assert (person.count("u1", now), address.count("ip", now)) == (0, 0)
    take((person, "u2"), (address, "ip"), now=now)
    blocked = take((person, "u1"), (address, "ip"), now=now)
    assert blocked.wait and person.count("u1", now) == 0 and address.count("ip", now) == 1
