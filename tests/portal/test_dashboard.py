"""The dashboard (issue 19): every service's participation check runs in one compiled
statement, with each request's own user, and says what each service's own check says."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.service_registry import participations, services
from tests.casework.helpers import make_provider, make_worker
from tests.factories import GroupFactory, UserFactory, make_member
from tests.matching import helpers as matching

pytestmark = pytest.mark.django_db


def one_by_one(user) -> set[str]:
    return {service.key for service in services() if service.participates(user)}


def statements(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_combined_check_says_what_each_service_says(alice, bob, charlie):
    provider, _point = make_provider("Avenir")
    worker = make_worker(provider)
    make_member(alice, GroupFactory(service="licensing"))
    make_member(alice, GroupFactory(service="permits"))
    make_member(alice, GroupFactory(service="jobboard"), status="requested")
    matching.operator(bob)
    make_member(charlie, GroupFactory(service="permits"), status="requested")  # not yet
    ministry = UserFactory(staff_role="ministry")
    expected = {
        alice: {"licensing", "permits", "jobboard"},
        bob: {"matching"},
        charlie: set(),
        worker: {"casework"},
        ministry: {"casework"},  # by the office, without a membership
    }
    for user, keys in expected.items():
        assert participations(user) == one_by_one(user) == keys, user


def test_the_check_is_one_statement(alice, django_assert_num_queries):
    make_member(alice, GroupFactory(service="licensing"))
    with django_assert_num_queries(1):
        assert participations(alice) == {"licensing"}


def test_a_service_joined_after_a_render_shows_at_once(client, alice, bob):
    client.force_login(alice)
    html = client.get("/en/dashboard/").content.decode()
    assert 'data-testid="no-services"' in html
    make_member(alice, GroupFactory(service="permits"))
    html = client.get("/en/dashboard/").content.decode()
    mine = html.split('id="my-services"')[1].split("</section>")[0]
    assert 'href="/en/permits/' in mine
    client.force_login(bob)  # the compiled statement binds each person's own id
    assert 'data-testid="no-services"' in client.get("/en/dashboard/").content.decode()


def test_the_statement_count_is_the_same_whatever_the_services(client, alice, bob):
    client.force_login(alice)
    client.get("/fr/dashboard/")
    nothing = statements(client, "/fr/dashboard/")
    for service in ("licensing", "permits", "jobboard", "matching"):
        for _ in range(3):
            make_member(bob, GroupFactory(service=service))
    matching.operator(bob)
    client.force_login(bob)
    client.get("/fr/dashboard/")
    assert statements(client, "/fr/dashboard/") == nothing


def test_the_lists_of_services_are_each_languages_own(client, alice):
    """They are rendered once per language and set of services, and reused."""
    make_member(alice, GroupFactory(service="licensing"))
    client.force_login(alice)
    for _ in range(2):
        french = client.get("/fr/dashboard/").content.decode()
        english = client.get("/en/dashboard/").content.decode()
        assert "Mes services" in french and 'href="/fr/licensing/"' in french
        assert "Autres services" in french and "My services" not in french
        assert "My services" in english and 'href="/en/licensing/"' in english
        assert "Mes services" not in english


def test_office_staff_see_their_queue_and_the_services(client):
    """The lists depend on the queue too: without a service, staff see no "My services"."""
    staff = UserFactory(staff_role="regulator")
    client.force_login(staff)
    html = client.get("/en/dashboard/").content.decode()
    assert 'id="my-services"' not in html and 'id="other-services"' in html
    client.force_login(UserFactory())
    assert 'data-testid="no-services"' in client.get("/en/dashboard/").content.decode()
