"""Error pages with DEBUG off: in the portal's layout and the page's language, saying why
and what to do (400, 403 with and without a reason, 404, 500, CSRF failure)."""

import pytest
from django.test import Client, override_settings

from matching.models import ProfileState
from tests.matching import helpers as matching

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.portal.error_urls")]

EXPECTED = {
    "fr": {
        400: "La demande n’a pas pu être lue",
        403: "Vous n’avez pas accès à cette page",
        404: "Page introuvable",
        500: "Une erreur s’est produite de notre côté",
        503: "Le portail est momentanément indisponible",
        "csrf": "Le formulaire a expiré",
        "todo": "Ce que vous pouvez faire",
    },
    "en": {
        400: "The request could not be read",
        403: "You do not have access to this page",
        404: "Page not found",
        500: "Something went wrong on our side",
        503: "The portal is briefly unavailable",
        "csrf": "The form has expired",
        "todo": "What you can do",
    },
}


def _page(response) -> str:
    html = response.content.decode()
    assert 'id="main"' in html and "<footer" in html  # the portal's layout
    return html


@pytest.fixture(autouse=True)
def no_debug(settings):
    settings.DEBUG = False


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(
    "url,status",
    [("/test-errors/400/", 400), ("/test-errors/403/", 403), ("/no-such-page/", 404)],
)
def test_error_page_in_layout_and_language(client, lang, url, status):
    response = client.get(f"/{lang}{url}")
    assert response.status_code == status
    html = _page(response)
    assert f'<html lang="{lang}">' in html
    assert EXPECTED[lang][status] in html and EXPECTED[lang]["todo"] in html


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_server_error_page(lang):
    client = Client(raise_request_exception=False)
    response = client.get(f"/{lang}/test-errors/500/")
    assert response.status_code == 500
    html = _page(response)
    assert EXPECTED[lang][500] in html and "a bug" not in html


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_database_down_page(lang):
    """The database unreachable: 503 in the page's language, a page that needs nothing from
    the database, and when to try again (tests/faults/test_postgres_restart.py: for real)."""
    client = Client(raise_request_exception=False)
    response = client.get(f"/{lang}/test-errors/503/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html and EXPECTED[lang][503] in html
    assert EXPECTED[lang]["todo"] in html and "Connection refused" not in html


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_csrf_failure_page(lang):
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/{lang}/accounts/login/", {"login": "x@example.org"})
    assert response.status_code == 403
    html = _page(response)
    assert EXPECTED[lang]["csrf"] in html and f'<html lang="{lang}">' in html


@pytest.mark.parametrize(
    "lang,words",
    [
        ("en", "Operator search is for verified system owners"),
        ("fr", "La recherche d’exploitants est réservée aux propriétaires de réseaux vérifiés"),
    ],
)
def test_operator_opening_owner_search_is_told_why(client, lang, words):
    profile = matching.operator(state=ProfileState.ACTIVE)
    client.force_login(profile.user)
    response = client.get(f"/{lang}/matching/search/")
    assert response.status_code == 403
    assert words in _page(response)


@override_settings(DEBUG=False)
def test_plain_forbidden_has_no_explanation(client):
    html = _page(client.get("/en/test-errors/403/"))
    assert 'data-testid="error-explanation"' not in html
    assert "open only to some accounts" in html
