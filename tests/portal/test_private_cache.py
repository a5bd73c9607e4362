"""Issue 18, item 6: whatever a signed-in user sees (pages, invoice PDFs, CSV exports) is
`Cache-Control: private, no-store`; an anonymous public page is left to the cache rules."""

import pytest
from django.core.cache import cache
from django.test import Client

from tests.licensing.helpers import buy_by_invoice, company, representative

pytestmark = pytest.mark.django_db

PRIVATE = "private, no-store"


def _private(response) -> bool:
    # Some views say more themselves (allauth's never_cache): private and no-store are enough.
    rules = {r.strip() for r in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= rules


def test_a_signed_in_page_is_never_cacheable(client, alice):
    client.force_login(alice)
    for url in ("/fr/dashboard/", "/en/", "/fr/me/profile/"):
        assert _private(client.get(url)), url


def test_an_anonymous_public_page_is_not_forced_to_no_store(client):
    response = client.get("/fr/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_the_answer_that_signs_in_is_private(alice):
    from tests.factories import PASSWORD

    response = Client().post("/fr/accounts/login/", {"login": alice.email, "password": PASSWORD})
    assert response.status_code == 302 and "sessionid" in response.cookies
    assert _private(response)


def test_invoice_pdf_and_csv_export_are_private(client):
    group = company()
    rep = representative(group)
    order = buy_by_invoice(group, rep)
    client.force_login(rep)
    pdf = client.get(f"/en/billing/groups/{group.pk}/orders/{order.pk}/invoice.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Cache-Control"] == PRIVATE
    csv = client.get(f"/en/licensing/groups/{group.pk}/codes.csv")
    assert csv.status_code == 200 and csv["Cache-Control"] == PRIVATE


def test_a_view_that_sets_its_own_cache_control_keeps_it(rf, alice):
    from django.http import HttpResponse

    from portal.middleware import PrivateCacheMiddleware

    request = rf.get("/")
    request.user = alice

    def view(request):
        response = HttpResponse("x")
        response["Cache-Control"] = "private, max-age=60"
        return response

    assert PrivateCacheMiddleware(view)(request)["Cache-Control"] == "private, max-age=60"


def test_a_whole_site_cache_never_stores_a_signed_in_page(client, alice, settings):
    """Django's per-site cache around the portal: the signed-in page is not stored, so an
    anonymous visitor never gets it."""
    settings.MIDDLEWARE = [
        "django.middleware.cache.UpdateCacheMiddleware",
        *settings.MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    settings.CACHE_MIDDLEWARE_SECONDS = 60
    cache.clear()
    client.force_login(alice)
    mine = client.get("/fr/").content.decode()
    assert "alice@example.org" in mine or "Alice" in mine
    anonymous = Client().get("/fr/").content.decode()
    assert "Alice" not in anonymous
