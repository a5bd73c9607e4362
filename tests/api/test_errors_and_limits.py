"""Errors in JSON in the Accept-Language language; 429 with Retry-After per client and scope;
bodies capped; the public answers cached."""

import pytest

from tests.api.helpers import ALL_JOBS, api, jobs_group, live_posting, token_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang,message", [("fr", "Introuvable"), ("en", "Not found")])
def test_errors_are_json_in_the_requested_language(lang, message):
    response = api(lang=lang).get("/api/v1/postings/999999/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert response.json()["message"].startswith(message)
    assert response["Content-Language"] == lang


def test_an_unknown_api_address_is_a_json_404():
    response = api().get("/api/v1/nowhere/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_invalid_search_filters_are_named():
    response = api(lang="fr").get("/api/v1/postings/?profile=astronaut&page_size=500")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"profile"} or "page_size" in response.json()["fields"]


def test_throttled_per_client_and_scope_with_retry_after(settings):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "jobs:read": "2/min"}
    group, _u = jobs_group()
    first, second = api(token_for(group, ALL_JOBS, name="one")), api(token_for(group, ALL_JOBS))
    assert first.get("/api/v1/jobs/postings/").status_code == 200
    assert first.get("/api/v1/jobs/postings/").status_code == 200
    response = first.get("/api/v1/jobs/postings/")
    assert response.status_code == 429
    assert response.json()["code"] == "throttled"
    assert 0 < int(response["Retry-After"]) <= 60
    # Another client, and another scope of the same client, have their own counts.
    assert second.get("/api/v1/jobs/postings/").status_code == 200
    assert first.post("/api/v1/jobs/postings/", {"profile": "x"}, format="json").status_code == 400


def test_public_endpoints_are_throttled_per_address(settings):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "public": "1/min"}
    settings.API_PUBLIC_CACHE_SECONDS = 0
    assert api().get("/api/v1/reference/").status_code == 200
    response = api().get("/api/v1/reference/")
    assert response.status_code == 429 and response["Retry-After"]


def test_a_body_over_the_cap_is_refused(settings):
    settings.API_MAX_BODY_BYTES = 1000
    group, _u = jobs_group()
    body = {"profile": "engineer", "purpose_fr": "x" * 2000}
    response = api(token_for(group, ALL_JOBS)).post("/api/v1/jobs/postings/", body, format="json")
    assert response.status_code == 413
    assert response.json()["code"] == "body_too_large"
    assert not group.postings.exists()


def test_the_public_list_is_cached_for_a_short_time(django_assert_num_queries):
    group, user = jobs_group()
    live_posting(group, user)
    first = api().get("/api/v1/postings/")
    assert first.status_code == 200 and "max-age=60" in first["Cache-Control"]
    with django_assert_num_queries(0):
        again = api().get("/api/v1/postings/")
    assert again.content == first.content


def test_the_schema_and_the_reference_page_are_served_locally():
    import re

    schema = api().get("/api/v1/schema/?format=json")
    assert schema.status_code == 200 and schema.json()["openapi"] == "3.1.0"
    page = api().get("/api/v1/docs/")
    html = page.content.decode()
    assert page.status_code == 200
    sources = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/") for s in sources)  # this server, no CDN
    assert "<script>" not in html and "<style>" not in html  # the CSP allows no inline code
    script = api().get("/api/v1/docs/?script=")
    assert script.status_code == 200 and "/api/v1/schema/" in script.content.decode()
