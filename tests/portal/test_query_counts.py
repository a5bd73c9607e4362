"""Pages run a fixed number of SQL queries whatever the row count (1 row and 50 rows)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.services.organisations import organisation_request
from tests.factories import GroupFactory, OrganisationFactory, UserFactory, make_member

pytestmark = pytest.mark.django_db


def queries_for(client, url) -> int:
    client.get(url)  # the first request after signing in also records the session
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("as_manager", [True, False])
def test_group_page(client, alice, as_manager):
    counts = []
    for size in (1, 50):
        group = GroupFactory()
        make_member(alice, group, ["manager"] if as_manager else [])
        for _ in range(size):
            make_member(UserFactory(), group, ["jobboard.finance_manager"])
        for _ in range(size):  # waiting requests
            make_member(UserFactory(), group, status="requested")
        client.force_login(alice)
        counts.append(queries_for(client, f"/fr/groups/{group.pk}/"))
    assert counts[0] == counts[1], counts


def test_staff_inbox(client, dana):
    counts = []
    for size in (1, 50):
        for _ in range(size):
            organisation_request(
                user=UserFactory(), organisation=OrganisationFactory.build(), service="jobboard"
            )
        client.force_login(dana)
        counts.append(queries_for(client, "/fr/staff/inbox/"))
    assert counts[0] == counts[1], counts


def test_my_groups_and_search(client, alice):
    counts = []
    for size in (1, 50):
        for _ in range(size):
            make_member(alice, GroupFactory(organisation__legal_name=f"Acme {size} {_}"))
        client.force_login(alice)
        counts.append(
            (queries_for(client, "/fr/groups/"), queries_for(client, "/fr/organisations/?q=acme"))
        )
    assert counts[0] == counts[1], counts


def test_organisation_page(client, alice):
    counts = []
    for size in (1, 50):
        organisation = OrganisationFactory()
        for n in range(size):
            group = GroupFactory(organisation=organisation, name=f"Groupe {n}")
            make_member(UserFactory(), group)
        client.force_login(alice)
        counts.append(queries_for(client, f"/fr/organisations/{organisation.pk}/"))
    assert counts[0] == counts[1], counts


def test_large_groups_page_their_members(client, alice):
    group = GroupFactory()
    make_member(alice, group, ["manager"])
    for n in range(55):
        make_member(UserFactory(email=f"member{n:02d}@example.org", last_name=f"Zz{n:02d}"), group)
    client.force_login(alice)
    first = client.get(f"/fr/groups/{group.pk}/").content.decode()
    second = client.get(f"/fr/groups/{group.pk}/?page=2").content.decode()
    assert "(56)" in first and "Page 1 sur 2" in first
    assert "member54@example.org" in second and "member54@example.org" not in first
