"""Refused paths (issue 20): another office's item is 404 (see, take, give, release,
decide), supervisor pages are 403 for a reviewer, the console is 403 for members."""

import pytest

from tests.console.helpers import review_item, staff
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SUPERVISOR_PAGES = ["/en/console/overview/", "/en/console/staff/"]


def item_urls(item) -> list[tuple[str, str]]:
    base = f"/en/console/items/{item.pk}/"
    return [
        ("get", base),
        ("post", base),
        ("post", base + "take/"),
        ("post", base + "give/"),
        ("post", base + "release/"),
    ]


def test_another_offices_item_is_not_found(client):
    item = review_item("city")
    client.force_login(staff("regulator"))
    for method, url in item_urls(item):
        assert getattr(client, method)(url, {"decision": "approve"}).status_code == 404, url
    item.refresh_from_db()
    assert item.assignee is None and item.state == "waiting"


def test_a_reviewer_cannot_open_supervisor_pages(client):
    client.force_login(staff("regulator"))
    for url in SUPERVISOR_PAGES + ["/en/console/overview/decisions.csv"]:
        assert client.get(url).status_code == 403, url
    assert client.post("/en/console/deadlines/portal.organisation_request/").status_code == 403


def test_a_member_gets_403_everywhere(client):
    item = review_item("regulator")
    client.force_login(UserFactory())
    urls = ["/en/console/", *SUPERVISOR_PAGES, "/en/console/overview/decisions.csv"]
    for url in urls:
        assert client.get(url).status_code == 403, url
    assert client.post("/en/console/next/").status_code == 403
    for method, url in item_urls(item):
        assert getattr(client, method)(url).status_code == 403, url


def test_signed_out_people_are_sent_to_sign_in(client):
    assert client.get("/en/console/").status_code == 302


def test_the_superuser_sees_every_office(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    items = [review_item(office) for office in ("regulator", "city", "ministry")]
    client.force_login(admin)
    response = client.get("/en/console/")
    assert response.status_code == 200
    assert {i.pk for i in response.context["page"].items} == {i.pk for i in items}
    assert client.get("/en/console/overview/").status_code == 200
    header = client.get("/en/dashboard/").content.decode()
    assert (
        'data-testid="console-nav"' in header
        and '3<span class="visually-hidden"> waiting' in header
    )
