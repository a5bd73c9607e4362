"""Issue 19: what a signed-in request costs before its view runs. Sessions are read from the
cache, the user's memberships once per request, and an ordinary GET writes nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.middleware import SESSION_SEEN
from accounts.seats import SESSION_SEATED
from tests.factories import GroupFactory, make_member

pytestmark = pytest.mark.django_db

FLOOR = 2  # the user, their memberships (the header's group switcher)
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def floor_urls(settings):
    settings.ROOT_URLCONF = "bench.floor_urls"


def statements(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in captured]


def writes(sqls):
    return [s for s in sqls if s.lstrip().upper().startswith(WRITES)]


def test_a_page_whose_view_does_nothing_costs_the_floor(client, alice, floor_urls):
    make_member(alice, GroupFactory(), ["manager"])
    make_member(alice, GroupFactory(), [])
    client.force_login(alice)
    client.get("/fr/floor/")  # the first request after signing in records the session start
    sqls = statements(client, "/fr/floor/")
    assert len(sqls) <= FLOOR, sqls
    assert not writes(sqls), sqls
    assert 'FROM "django_session"' not in " ".join(sqls)  # the session comes from the cache


@pytest.mark.parametrize("url", ["/fr/dashboard/", "/fr/groups/", "/fr/me/profile/"])
def test_a_signed_in_get_writes_nothing(client, alice, url):
    group = GroupFactory()
    make_member(alice, group, ["manager"])
    client.force_login(alice)
    client.get(url)
    assert not writes(statements(client, url))
    assert not writes(statements(client, f"/fr/groups/{group.pk}/"))


def test_a_group_page_reads_memberships_once(client, alice):
    group = GroupFactory()
    make_member(alice, group, ["manager"])
    client.force_login(alice)
    client.get(f"/fr/groups/{group.pk}/")
    sqls = statements(client, f"/fr/groups/{group.pk}/")
    assert sum('FROM "portal_membership"' in s and "portal_organisation" in s for s in sqls) == 1


def test_activity_is_written_at_most_once_a_minute(client, alice, floor_urls):
    """The idle timeout's "last seen" goes into the session once a minute, and a session
    without seats never touches the seats table."""
    client.force_login(alice)
    client.get("/fr/floor/")
    session = client.session
    session[SESSION_SEATED] = False
    session[SESSION_SEEN] -= 61
    session.save()
    sqls = statements(client, "/fr/floor/")
    assert not any("accounts_seat" in s for s in sqls), sqls
    assert len(writes(sqls)) == 1, sqls  # the session's row, written through the cache
    assert not writes(statements(client, "/fr/floor/"))
