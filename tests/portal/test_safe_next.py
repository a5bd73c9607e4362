"""Every `next` the portal reads goes through portal.lib.redirects (issue 18, item 3): a
value that is not a local URL of this site falls back to the view's default, never a 500 and
never a redirect elsewhere."""

import pytest
from django.test import Client, RequestFactory

from portal.lib.redirects import is_safe_next, safe_next
from tests.factories import PASSWORD
from tests.jobboard.postings_helpers import ready_group

BAD = [
    "javascript:alert(1)",
    "//evil.example",
    "https://evil.example/fr/",
    "/\\evil.example",
    "\\\\evil.example",
    "not a url",
    "dashboard",  # a URL name: redirect() would try to reverse it
    "\x00",
    "/fr/\x00",
    "/fr/\r\nSet-Cookie: x=1",
    " //evil.example",
    "http:///evil.example",
    "/" + "a" * 5000,
    "",
]
GOOD = ["/fr/", "/en/jobs/?q=a&page=2", "http://testserver/fr/"]


def _request(secure=False):
    return RequestFactory().get("/", secure=secure)


@pytest.mark.parametrize("value", BAD)
def test_bad_values_fall_back(value):
    assert safe_next(_request(), "/home/", value) == "/home/"


@pytest.mark.parametrize("value", GOOD)
def test_local_urls_are_kept(value):
    assert safe_next(_request(), "/home/", value) == value


def test_an_http_url_is_refused_on_a_secure_page():
    assert not is_safe_next(_request(secure=True), "http://testserver/fr/")
    assert is_safe_next(_request(secure=True), "https://testserver/fr/")


def test_the_request_next_is_read_from_the_form_then_the_query():
    factory = RequestFactory()
    assert safe_next(factory.post("/?next=/b/", {"next": "/a/"}), "/d/") == "/a/"
    assert safe_next(factory.post("/?next=/b/", {}), "/d/") == "/b/"
    assert safe_next(factory.post("/", {"next": "//evil.example"}), "/d/") == "/d/"


def _off_site(response) -> bool:
    location = response.get("Location", "")
    return location.startswith(("//", "http", "javascript", "\\")) and not location.startswith(
        "http://testserver/"
    )


@pytest.fixture
def company(db, alice):
    return ready_group(alice, name="Ponts et Chaussées inc.")


@pytest.mark.django_db
@pytest.mark.parametrize("value", BAD)
def test_follow_and_unfollow_with_a_bad_next(company, bob, value):
    client = Client(raise_request_exception=False)
    base = f"/fr/jobs/companies/{company.pk}/"
    signed_out = client.post(base + "follow/", {"next": value})
    assert signed_out.status_code == 302 and not _off_site(signed_out)
    assert signed_out["Location"] == f"/fr/accounts/login/?next={base}"
    client.force_login(bob)
    for action in ("follow/", "unfollow/"):
        response = client.post(base + action, {"next": value})
        assert response.status_code == 302, (action, response.status_code)
        assert response["Location"] == base


@pytest.mark.django_db
@pytest.mark.parametrize("value", BAD)
def test_set_language_with_a_bad_next(value):
    response = Client(raise_request_exception=False).post(
        "/i18n/language/", {"language": "en", "next": value}
    )
    assert response.status_code == 302 and not _off_site(response)
    assert response["Location"] == "/en/"


@pytest.mark.django_db
@pytest.mark.parametrize("value", BAD)
def test_sign_in_with_a_bad_next(alice, value):
    client = Client(raise_request_exception=False)
    assert client.get("/fr/accounts/login/", {"next": value}).status_code == 200
    response = client.post(
        "/fr/accounts/login/", {"login": alice.email, "password": PASSWORD, "next": value}
    )
    assert response.status_code == 302
    assert response["Location"] == "/fr/dashboard/"
