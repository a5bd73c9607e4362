"""C2 profile, C10 language switch, session timeouts and the sessions page."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import hotp_value, yield_hotp_counters_from_time
from allauth.usersessions.models import UserSession
from django.test import Client

from accounts.middleware import SESSION_SEEN, SESSION_STARTED
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_profile_needs_sign_in(client):
    response = client.get("/fr/me/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/login/")


def test_profile_saves_names_phone_and_language(client, alice):
    client.force_login(alice)
    response = client.post(
        "/fr/me/profile/",
        {"first_name": "Alicia", "last_name": "Martin", "phone": "613-555-0123", "language": "en"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/me/profile/"  # the page follows the new language
    alice.refresh_from_db()
    assert (alice.first_name, alice.phone, alice.language) == ("Alicia", "613-555-0123", "en")
    page = client.get(response["Location"]).content.decode()
    assert "Your profile has been saved." in page


def test_bad_phone_is_refused_in_french_and_nothing_is_saved(client, alice):
    client.force_login(alice)
    response = client.post(
        "/fr/me/profile/",
        {"first_name": "Changed", "last_name": "Martin", "phone": "12ab", "language": "fr"},
    )
    assert response.status_code == 200
    assert "Entrez un numéro de téléphone de 10 à 15 chiffres." in response.content.decode()
    alice.refresh_from_db()
    assert alice.first_name == "Alice"


def test_profile_form_cannot_set_staff_fields(client, alice):
    client.force_login(alice)
    client.post(
        "/fr/me/profile/",
        {
            "first_name": "Alice",
            "last_name": "Martin",
            "language": "fr",
            "is_superuser": "on",
            "is_staff": "on",
            "staff_role": "regulator",
            "email": "boss@example.org",
        },
    )
    alice.refresh_from_db()
    assert not alice.is_superuser and not alice.is_staff and alice.staff_role == ""
    assert alice.email == "alice@example.org"


def test_language_switch_keeps_the_page_and_saves_the_preference(client, alice):
    client.force_login(alice)
    response = client.post("/i18n/language/", {"language": "en", "next": "/fr/me/profile/"})
    assert response["Location"] == "/en/me/profile/"
    alice.refresh_from_db()
    assert alice.language == "en"
    assert "My profile" in client.get("/en/me/profile/").content.decode()
    assert "Mon profil" in client.get("/fr/me/profile/").content.decode()


def test_language_switch_works_whatever_the_browser_language(client):
    response = client.post(
        "/i18n/language/",
        {"language": "fr", "next": "/en/accounts/login/?next=/en/dashboard/"},
        HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9",
    )
    assert response["Location"] == "/fr/accounts/login/?next=/en/dashboard/"
    response = client.post(
        "/i18n/language/",
        {"language": "en", "next": "/fr/accounts/login/"},
        HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9",
    )
    assert response["Location"] == "/en/accounts/login/"


def test_language_switch_refuses_foreign_redirects(client):
    response = client.post("/i18n/language/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/en/"


def test_language_switch_is_post_only(client):
    assert client.get("/i18n/language/?language=en").status_code == 405


def test_idle_session_expires(client, alice, settings):
    client.force_login(alice)
    assert client.get("/fr/dashboard/").status_code == 200
    session = client.session
    session[SESSION_SEEN] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT - 5
    session.save()
    response = client.get("/fr/dashboard/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_absolute_session_timeout_applies_even_when_active(client, alice, settings):
    client.force_login(alice)
    client.get("/fr/dashboard/")
    session = client.session
    session[SESSION_STARTED] = int(time.time()) - settings.SESSION_ABSOLUTE_TIMEOUT - 5
    session[SESSION_SEEN] = int(time.time())
    session.save()
    assert client.get("/fr/dashboard/").status_code == 302


def test_deactivated_account_loses_its_sessions(client, alice):
    client.force_login(alice)
    assert client.get("/fr/dashboard/").status_code == 200
    alice.is_active = False
    alice.save()
    assert client.get("/fr/dashboard/").status_code == 302


def test_password_change_ends_other_sessions(alice):
    laptop, phone = Client(), Client()
    for browser in (laptop, phone):
        browser.post("/fr/accounts/login/", {"login": alice.email, "password": PASSWORD})
        assert browser.get("/fr/dashboard/").status_code == 200
    response = laptop.post(
        "/fr/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "another-long-pass-7",
            "password2": "another-long-pass-7",
        },
    )
    assert response.status_code == 302
    assert laptop.get("/fr/dashboard/").status_code == 200
    assert phone.get("/fr/dashboard/").status_code == 302


def test_sessions_are_listed_and_others_can_be_ended(alice):
    laptop, phone = Client(), Client()
    for browser in (laptop, phone):
        browser.post("/fr/accounts/login/", {"login": alice.email, "password": PASSWORD})
    assert UserSession.objects.filter(user=alice).count() == 2
    page = laptop.get("/en/accounts/sessions/")
    assert page.status_code == 200 and "Sessions" in page.content.decode()
    laptop.post("/en/accounts/sessions/", {})  # "Sign out other sessions"
    assert laptop.get("/fr/dashboard/").status_code == 200
    assert phone.get("/fr/dashboard/").status_code == 302


def test_totp_two_factor_is_required_once_activated(client, alice):
    client.post("/fr/accounts/login/", {"login": alice.email, "password": PASSWORD})
    # Turning on two-factor asks for the password again first.
    response = client.get("/fr/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/fr/accounts/reauthenticate/")
    client.post("/fr/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get("/fr/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    counter = next(yield_hotp_counters_from_time())
    code = format(hotp_value(secret, counter), "06d")
    response = client.post("/fr/accounts/2fa/totp/activate/", {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=alice, type=Authenticator.Type.TOTP).exists()

    other = Client()
    response = other.post("/fr/accounts/login/", {"login": alice.email, "password": PASSWORD})
    assert response["Location"] == "/fr/accounts/2fa/authenticate/"
    assert other.get("/fr/dashboard/").status_code == 302  # not signed in without the code
    bad = other.post("/fr/accounts/2fa/authenticate/", {"code": "000000"})
    assert bad.status_code == 200
    response = other.post("/fr/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert other.get("/fr/dashboard/").status_code == 200
