"""Pages with lists run a fixed number of queries; the dashboard link; the landing page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from matching.apps import participates_query
from matching.models import Facility, ProfileState
from tests.factories import UserFactory
from tests.matching import helpers

pytestmark = pytest.mark.django_db


def queries_for(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("url", ["/fr/matching/operator/profile/", "/fr/matching/operator/"])
def test_operator_pages_query_count(client, url):
    counts = []
    for size in (1, 50):
        profile = helpers.operator(state=ProfileState.DRAFT, number=False)
        for _ in range(size):
            helpers.credential(profile.user, f"N-{profile.pk}-{_}", registry=False)
        client.force_login(profile.user)
        counts.append(queries_for(client, url))
    assert counts[0] == counts[1], counts


def test_owner_profile_query_count(client):
    counts = []
    for size in (1, 50):
        profile = helpers.owner(state=ProfileState.DRAFT, facilities=0)
        for i in range(size):
            Facility.objects.create(owner=profile, certificate_number=str(i), name=f"P{i}")
        client.force_login(profile.group.memberships.get().user)
        counts.append(queries_for(client, "/fr/matching/owner/profile/"))
    assert counts[0] == counts[1], counts


def test_staff_panel_query_count(client):
    from matching.services import operator_submit
    from portal.models import Review

    officer = UserFactory(staff_role="accreditation_office")
    counts = []
    for size in (1, 50):
        profile = helpers.operator(state=ProfileState.DRAFT, number=False)
        for i in range(size):
            helpers.credential(profile.user, f"P-{profile.pk}-{i}")
        operator_submit(profile=profile, actor=profile.user)
        review = Review.objects.get(subject_id=profile.pk, state="open")
        client.force_login(officer)
        counts.append(queries_for(client, f"/fr/staff/reviews/{review.pk}/"))
    assert counts[0] == counts[1], counts


def test_participates_in_one_query(alice, bob, charlie, django_assert_num_queries):
    helpers.operator(alice)
    helpers.owner(bob)
    for user, expected in ((alice, True), (bob, True), (charlie, False)):
        with django_assert_num_queries(1):
            assert participates_query(user) is expected


def test_dashboard_links_to_the_service(client, alice):
    helpers.operator(alice)
    client.force_login(alice)
    assert b"/fr/matching/" in client.get("/fr/dashboard/").content


def test_home_is_public_and_staff_see_their_tools(client):
    assert client.get("/fr/matching/").status_code == 200
    client.force_login(UserFactory(staff_role="accreditation_office"))
    assert b"/credentials/registry/import/" in client.get("/fr/matching/").content
    client.force_login(UserFactory(staff_role="regulator"))
    assert b"/credentials/registry/import/" not in client.get("/fr/matching/").content


def test_demo_owner_finds_the_demo_operator(client):
    from django.core.management import call_command

    from accounts.models import User

    call_command("seed_demo")
    client.force_login(User.objects.get(email="owner@example.com"))
    response = client.get("/en/matching/search/", {"region": helpers.region("northwestern").pk})
    names = {o.user.email for o in response.context["page"]}
    assert "operator@example.com" in names
    operator = next(o for o in response.context["page"] if o.user.email == "operator@example.com")
    detail = client.get(f"/en/matching/operators/{operator.pk}/")
    assert b"operator@example.com" in detail.content and b"807-555" in detail.content
