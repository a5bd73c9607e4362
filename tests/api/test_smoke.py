import pytest

from tests.api.helpers import (
    api,
    jobs_group,
    licensing_group,
    live_posting,
    permits_group,
    token_for,
)

pytestmark = pytest.mark.django_db


def test_every_endpoint_answers():
    group, user = jobs_group()
    posting = live_posting(group, user)
    token = token_for(group, ["jobs:read", "jobs:write"])
    c = api(token)
    r = api().get("/api/v1/postings/")
    assert r.status_code == 200, r.content
    assert r.json()["results"][0]["id"] == posting.pk
    r = api().get(f"/api/v1/postings/{posting.pk}/")
    assert r.status_code == 200, r.content
    assert r.json()["json_ld"]["fr"]["@type"] == "JobPosting"
    assert c.get("/api/v1/me/").status_code == 200
    r = c.get("/api/v1/jobs/postings/")
    assert r.status_code == 200, r.content
    r = c.get(f"/api/v1/jobs/postings/{posting.pk}/statistics/")
    assert r.status_code == 200, r.content
    lgroup, _u = licensing_group()
    r = api(token_for(lgroup, ["licences:read"])).get("/api/v1/licences/codes/")
    assert r.status_code == 200, r.content
    assert len(r.json()["results"]) == 2
    pgroup, _u = permits_group()
    r = api(token_for(pgroup, ["permits:read"])).get("/api/v1/permits/applications/")
    assert r.status_code == 200, r.content
    assert len(r.json()["results"]) == 2
