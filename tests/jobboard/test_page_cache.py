"""Issue 19: the job site and the portal home served from the page cache to anonymous visitors
(portal.lib.page_cache): stored the first time, served the second, never for a signed-in
visitor, dropped when a posting changes, per language, with the posting's views still exact."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jobboard.postings import services
from jobboard.statistics.models import PostingDailyStat
from portal.lib import page_cache
from tests.jobboard.page_helpers import BROWSER, live_posting
from tests.jobboard.postings_helpers import ready_group

pytestmark = pytest.mark.django_db

PAGES = ["/fr/", "/fr/jobs/", "/fr/jobs/search/?q=ingenieur", "/fr/jobs/search/feed/"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def group(alice):
    return ready_group(alice)


@pytest.fixture
def posting(group, alice):
    return live_posting(group, alice, title_fr="Ingénieure des ponts", title_en="Bridge engineer")


def get(client, address, **extra):
    return client.get(address, HTTP_USER_AGENT=BROWSER, **extra)


def served_from_cache(client, address) -> bool:
    """No read: the page came from the cache (the posting page's view counter still writes)."""
    with CaptureQueriesContext(connection) as captured:
        response = get(client, address)
    assert response.status_code == 200
    return not [
        q for q in captured if not q["sql"].startswith("INSERT INTO jobboard_postingdailystat")
    ]


def views(posting) -> int:
    row = PostingDailyStat.objects.filter(posting=posting, day=timezone.localdate()).first()
    return row.views if row else 0


def pages_of(posting) -> list[str]:
    return [
        *PAGES,
        f"/fr/jobs/{posting.pk}/",
        f"/fr/jobs/companies/{posting.group_id}/",
        "/fr/jobs/sitemap.xml",
    ]


def test_an_anonymous_page_is_served_from_cache_the_second_time(client, posting):
    for address in pages_of(posting):
        first = get(client, address)
        assert first.status_code == 200, address
        assert first["Cache-Control"].startswith("public"), address
        assert "s-maxage=" in first["Cache-Control"]
        assert not first.cookies, address  # no CSRF token, no session: nothing private
        assert served_from_cache(client, address), address
        again = get(client, address)
        assert again.content == first.content
        assert again["ETag"] == first["ETag"]
        assert get(client, address, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_the_anonymous_header_has_no_csrf_token_and_plain_language_links(client, posting):
    html = get(client, f"/fr/jobs/{posting.pk}/").content.decode()
    assert "csrfmiddlewaretoken" not in html and "X-CSRFToken" not in html
    assert f'href="/en/jobs/{posting.pk}/"' in html


def test_a_signed_in_page_is_never_stored_nor_served_from_cache(client, alice, posting):
    address = f"/fr/jobs/{posting.pk}/"
    get(client, address)  # stored for anonymous visitors
    client.force_login(alice)
    for _ in range(2):
        response = get(client, address)
        assert response["Cache-Control"] == "private, no-store"
        assert "Se déconnecter" in response.content.decode()  # the signed-in header
    cache.clear()
    get(client, "/fr/jobs/")
    assert not any(key.startswith(":1:page-cache:") for key in _keys())


def _keys() -> list[str]:
    backend = cache._cache  # type: ignore[attr-defined]
    if hasattr(backend, "get_client"):  # Redis
        return [k.decode() for k in backend.get_client().keys("*")]
    return list(backend.keys()) if hasattr(backend, "keys") else list(cache._cache)  # type: ignore[attr-defined]  # locmem


def test_publishing_ending_and_editing_drop_the_cached_search_and_home(client, group, alice):
    search = "/fr/jobs/search/?q=ponts"
    assert "Ingénieure des ponts" not in get(client, search).content.decode()
    get(client, "/fr/jobs/")
    posting = live_posting(group, alice, title_fr="Ingénieure des ponts")  # published
    assert "Ingénieure des ponts" in get(client, search).content.decode()
    assert "Ingénieure des ponts" in get(client, "/fr/jobs/").content.decode()

    posting.published = {**posting.published, "title_fr": "Ingénieure des ponts et chaussées"}
    posting.title_fr = "Ingénieure des ponts et chaussées"
    posting.save()  # edited
    assert "ponts et chaussées" in get(client, search).content.decode()
    assert "ponts et chaussées" in get(client, f"/fr/jobs/{posting.pk}/").content.decode()

    services.posting_end(posting=posting, actor=alice)  # ended
    assert "Ingénieure des ponts" not in get(client, search).content.decode()
    assert "Ingénieure des ponts" not in get(client, "/fr/jobs/").content.decode()
    assert get(client, f"/fr/jobs/{posting.pk}/").status_code == 410


def test_the_scheduled_expiry_drops_the_cached_pages(client, posting):
    assert "Ingénieure des ponts" in get(client, "/fr/jobs/").content.decode()
    services.postings_publish_and_expire(today=posting.ends_on + datetime.timedelta(days=1))
    assert "Ingénieure des ponts" not in get(client, "/fr/jobs/").content.decode()


def test_a_french_page_never_answers_an_english_request(client, posting):
    french = get(client, f"/fr/jobs/{posting.pk}/")
    english = get(client, f"/en/jobs/{posting.pk}/")
    assert "Ingénieure des ponts" in french.content.decode()
    assert "Bridge engineer" in english.content.decode()
    assert english["Content-Language"] == "en" and french["Content-Language"] == "fr"
    for _ in range(2):  # from the cache now, each in its language
        assert "Bridge engineer" in get(client, f"/en/jobs/{posting.pk}/").content.decode()
        assert get(client, "/en/jobs/")["Content-Language"] == "en"
        assert get(client, "/fr/jobs/")["Content-Language"] == "fr"


def test_a_view_is_counted_once_per_visit_while_the_page_is_cached(client, posting):
    address = f"/fr/jobs/{posting.pk}/"
    get(client, address)
    assert views(posting) == 1
    for n in range(2, 5):
        assert served_from_cache(client, address)  # the counter's one statement only
        assert views(posting) == n
    client.get(address, HTTP_USER_AGENT="Googlebot/2.1")  # robots are not counted
    assert views(posting) == 4


def test_a_visitor_with_a_session_or_a_message_is_not_served_the_stored_page(client, posting):
    address = f"/fr/jobs/{posting.pk}/"
    get(client, address)
    client.cookies["sessionid"] = "whatever"
    assert get(client, address)["Cache-Control"] != page_cache.PUBLIC
    del client.cookies["sessionid"]
    client.cookies["messages"] = "x"
    assert get(client, address).get("Cache-Control") != page_cache.PUBLIC
