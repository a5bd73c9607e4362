"""Every list endpoint costs the same number of queries for 1 row and for 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.helpers import (
    ALL_JOBS,
    api,
    jobs_group,
    licensing_group,
    live_posting,
    permits_group,
    token_for,
)
from tests.jobboard.postings_helpers import item

pytestmark = pytest.mark.django_db


def queries(client, path: str) -> tuple[int, int]:
    client.get(path)  # "last used" is written on the first request of a minute
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return len(captured), len(response.json()["results"])


def test_public_list(settings):
    settings.API_PUBLIC_CACHE_SECONDS = 0
    group, user = jobs_group()
    live_posting(group, user)
    one = queries(api(), "/api/v1/postings/?page_size=50")
    for _n in range(49):
        posting = live_posting(group, user)
        posting.places.set([item("region")])
    fifty = queries(api(), "/api/v1/postings/?page_size=50")
    assert one[1] == 1 and fifty[1] == 50
    assert one[0] == fifty[0] <= 3


def test_employer_postings_list():
    group, user = jobs_group()
    client = api(token_for(group, ALL_JOBS))
    live_posting(group, user)
    one = queries(client, "/api/v1/jobs/postings/?page_size=50")
    for _n in range(49):
        live_posting(group, user).interests.set([item("interest")])
    fifty = queries(client, "/api/v1/jobs/postings/?page_size=50")
    assert one[1] == 1 and fifty[1] == 50
    assert one[0] == fifty[0] <= 6


def test_licence_codes_list():
    from licensing.codes import generate
    from licensing.models import LicenceCode

    group, _u = licensing_group(codes=1)
    client = api(token_for(group, ["licences:read"]))
    one = queries(client, "/api/v1/licences/codes/?page_size=50")
    LicenceCode.objects.bulk_create([LicenceCode(group=group, code=generate()) for _n in range(49)])
    fifty = queries(client, "/api/v1/licences/codes/?page_size=50")
    assert one[1] == 1 and fifty[1] == 50
    assert one[0] == fifty[0] <= 2


def test_permit_applications_list():
    from permits.models import Application

    group, user = permits_group(n=1)
    client = api(token_for(group, ["permits:read"]))
    one = queries(client, "/api/v1/permits/applications/?page_size=50")
    account = group.contractor_account
    Application.objects.bulk_create(
        [
            Application(account=account, reference=f"Q-{i}", kind="pool", site_address="2 rue")
            for i in range(49)
        ]
    )
    fifty = queries(client, "/api/v1/permits/applications/?page_size=50")
    assert one[1] == 1 and fifty[1] == 50
    assert one[0] == fifty[0] <= 3


def test_pages_follow_the_next_links():
    group, user = jobs_group()
    for _n in range(5):
        live_posting(group, user)
    client = api(token_for(group, ALL_JOBS))
    for path in ("/api/v1/postings/?page_size=2", "/api/v1/jobs/postings/?page_size=2"):
        seen, url = [], path
        while url:
            page = (client if "jobs" in path else api()).get(url).json()
            seen += [row["id"] for row in page["results"]]
            url = page["next"]
        assert len(seen) == len(set(seen)) == 5
    bad = api().get("/api/v1/postings/?cursor=bm9wZQ")
    assert bad.status_code == 400 and "cursor" in bad.json()["fields"]
