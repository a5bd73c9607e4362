"""The public answers from the shared cache, served at the top of the middleware stack when
`PublicCacheMiddleware` is installed: same body and headers as the miss that stored them, the
request's own language, no SQL; only 200 answers are kept."""

import pytest

from tests.api.helpers import api, jobs_group, live_posting

pytestmark = pytest.mark.django_db
EARLY = "api.v1.cached.PublicCacheMiddleware"


@pytest.fixture
def early(settings):
    stack = list(settings.MIDDLEWARE)
    stack.insert(stack.index("portal.lib.page_cache.PageCacheMiddleware"), EARLY)
    settings.MIDDLEWARE = stack


def _headers(response) -> dict:
    return {k: v for k, v in response.items() if k != "Content-Language"}


def test_a_hit_is_the_stored_answer_in_the_requests_language(early, django_assert_num_queries):
    group, user = jobs_group()
    live_posting(group, user)
    first = api(lang="fr").get("/api/v1/postings/?page_size=5")
    assert first.status_code == 200 and "max-age=60" in first["Cache-Control"]
    assert first["Content-Language"] == "fr"
    with django_assert_num_queries(0):
        again = api(lang="en").get("/api/v1/postings/?page_size=5")
    assert again.status_code == 200 and again.content == first.content
    assert _headers(again) == _headers(first)
    assert again["Content-Language"] == "en"


def test_refusals_are_not_kept(early, settings):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "public": "3/min"}
    assert api().get("/api/v1/postings/999999/").status_code == 404
    for _n in range(2):  # not kept: each one reaches the view and is counted
        assert api().get("/api/v1/postings/?profile=astronaut").status_code == 400
    assert api().get("/api/v1/reference/").status_code == 429  # a miss is counted


def test_other_addresses_are_left_to_the_views(early):
    group, user = jobs_group()
    live_posting(group, user)
    assert api().get("/api/v1/postings/").status_code == 200
    assert api().get("/api/v1/jobs/postings/").status_code == 401
    assert api().get("/api/v1/jobs/postings/").status_code == 401
