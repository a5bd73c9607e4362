"""Issue 18, item 3: a NUL character never becomes a 500. In a form field it is a field
error (Django's CharField); read by a view outside a form, it reaches PostgreSQL, which
refuses it, and the answer is the portal's 400 page with the reason, in the page's language."""

import pytest
from django.test import Client

from portal.middleware import request_has_nul

pytestmark = pytest.mark.django_db

REASON = {
    "fr": "contient un caractère invisible (NUL)",
    "en": "contains an invisible character (NUL)",
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_nul_in_a_value_read_outside_a_form_is_a_400_in_the_pages_language(dana, lang):
    client = Client(raise_request_exception=False)
    client.force_login(dana)  # the regulator: the products page reads `code` from the POST
    response = client.post(f"/{lang}/jobs/staff/products/", {"code": "x\x00", "price": "10"})
    assert response.status_code == 400
    page = response.content.decode()
    assert REASON[lang] in page and f'lang="{lang}"' in page


@pytest.mark.parametrize(
    ("lang", "message"),
    [("fr", "Le caractère nul n’est pas autorisé."), ("en", "Null characters are not allowed.")],
)
def test_a_nul_in_a_form_field_is_a_field_error_and_the_rest_is_kept(alice, lang, message):
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    response = client.post(
        f"/{lang}/organisations/new/",
        {"legal_name": "Acme\x00 inc.", "city": "Montréal-Nord", "service": "jobboard"},
    )
    assert response.status_code in {200, 422}
    page = response.content.decode()
    assert message in page
    assert "Montréal-Nord" in page  # nothing typed is lost


def test_a_database_error_without_nul_in_the_request_stays_a_server_error(rf):
    from django.db import DataError

    from portal.middleware import NulInputMiddleware

    request = rf.post("/", {"a": "b"})
    middleware = NulInputMiddleware(lambda r: None)
    assert middleware.process_exception(request, DataError("NUL (0x00) bytes")) is None
    assert not request_has_nul(request)
    assert request_has_nul(rf.get("/", {"q": "\x00"}))
