"""Issue 18 (4): every 429 (allauth's sign-in and sign-up, the job site's seeker and employer
sign-ups, which are allauth's view) is the portal's page: the layout, `lang` set, a message in
the page's language saying when to try again."""

import pytest

pytestmark = pytest.mark.django_db

SIGN_IN = {"login": "someone@example.org", "password": "not-the-password"}
SIGN_UP = {
    "email": "new@example.org",
    "password1": "a-long-new-password",
    "password2": "a-long-new-password",
}
HEADING = {"fr": "Trop de demandes en peu de temps", "en": "Too many requests in a short time"}
RETRY = {"fr": "Attendez quelques minutes", "en": "Wait a few minutes"}


@pytest.fixture(autouse=True)
def one_try_a_minute(settings):
    settings.DEBUG = False
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS}
    settings.ACCOUNT_RATE_LIMITS.update({"login": "1/m/ip", "signup": "1/m/ip"})


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(
    "path,data",
    [
        ("accounts/login/", SIGN_IN),
        ("accounts/signup/", SIGN_UP),
        ("jobs/me/signup/", SIGN_UP),
        ("jobs/employer/signup/", SIGN_UP),
    ],
)
def test_a_throttled_form_gets_the_portals_429_page(client, lang, path, data):
    client.post(f"/{lang}/{path}", data)
    response = client.post(f"/{lang}/{path}", data)
    assert response.status_code == 429
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert 'id="main"' in html and "<footer" in html  # the portal's layout
    assert HEADING[lang] in html and RETRY[lang] in html
    assert "Too Many Requests" not in html  # allauth's bare page


def test_the_429_template_alone_is_the_portals_page(rf):
    """allauth renders `429.html` when no handler429 is found: it is the portal's page too."""
    from django.contrib.auth.models import AnonymousUser
    from django.template import loader
    from django.utils import translation

    request = rf.get("/fr/accounts/login/")
    request.user = AnonymousUser()
    with translation.override("fr"):
        html = loader.render_to_string("429.html", {}, request=request)
    assert '<html lang="fr">' in html and HEADING["fr"] in html
