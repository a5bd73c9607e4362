"""C1: sign-up with mandatory e-mail verification, sign-in, throttling, password reset."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from portal.models import OutboundEmail
from tests.factories import PASSWORD, UserFactory
from tests.utils import last_email_to, link_in, path_of

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "fr", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def sign_up(client, language="fr", email="new@example.org", **extra):
    data = {
        "email": email,
        "first_name": "Nadia",
        "last_name": "Pelletier",
        "password1": "a-long-new-password",
        "password2": "a-long-new-password",
        **extra,
    }
    return client.post(url("account_signup", language), data)


def test_sign_up_sends_verification_in_page_language(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, "en", email="Nadia@Example.org")
    assert response.status_code == 302
    user = User.objects.get(email="nadia@example.org")
    assert (user.first_name, user.last_name, user.language) == ("Nadia", "Pelletier", "en")
    message = last_email_to("nadia@example.org")
    assert "Confirm" in message.subject
    stored = OutboundEmail.objects.get(to="nadia@example.org")
    assert stored.status == OutboundEmail.Status.SENT and stored.language == "en"


def test_verification_e_mail_is_in_french_for_a_french_page(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "fr")
    assert "Confirmer" in last_email_to("new@example.org").subject or "confirm" in (
        last_email_to("new@example.org").subject.lower()
    )
    assert User.objects.get(email="new@example.org").language == "fr"


def test_unverified_address_cannot_sign_in_until_confirmed(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "fr")
    client.logout()
    credentials = {"login": "new@example.org", "password": "a-long-new-password"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("account_login"), credentials)
    assert response.status_code == 302
    assert response["Location"] == url("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    confirm = path_of(link_in(last_email_to("new@example.org").body, "confirm-email"))
    # Opening the link changes nothing (no state change on GET); the button confirms.
    assert client.get(confirm).status_code == 200
    assert not User.objects.get(email="new@example.org").emailaddress_set.get().verified
    client.post(confirm)
    assert User.objects.get(email="new@example.org").emailaddress_set.get().verified

    response = client.post(url("account_login"), credentials)
    assert response.status_code == 302
    assert response["Location"] == url("dashboard")
    assert client.get(url("dashboard")).status_code == 200


@pytest.mark.parametrize("page_language,other", [("en", "fr"), ("fr", "en")])
def test_sign_in_stays_in_the_pages_language(client, page_language, other):
    """The page's language wins for this visit, flash message included; the saved
    preference (for e-mails and the next visit) is left as it was."""
    user = UserFactory(email=f"reader-{other}@example.org", language=other)
    response = client.post(
        url("account_login", page_language),
        {"login": user.email, "password": PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/{page_language}/dashboard/"
    html = response.content.decode()
    assert f'<html lang="{page_language}">' in html
    flash = {"en": "Successfully signed in as", "fr": "Connexion avec"}[page_language]
    assert flash in html
    user.refresh_from_db()
    assert user.language == other


def test_wrong_password_is_refused_with_a_message(client, alice):
    response = client.post(
        url("account_login"), {"login": alice.email, "password": "nope-nope-nope"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "incorrect" in response.content.decode().lower()


def test_repeated_wrong_passwords_are_throttled_even_with_the_right_one_after(client, alice):
    for _ in range(5):
        client.post(url("account_login"), {"login": alice.email, "password": "wrong-password-1"})
    response = client.post(url("account_login", "en"), {"login": alice.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_password_reset_sets_a_new_password(client, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("account_reset_password"), {"email": alice.email})
    reset_link = path_of(link_in(last_email_to(alice.email).body, "/password/reset/key/"))
    response = client.get(reset_link, follow=True)
    set_password_url = response.redirect_chain[-1][0]
    response = client.post(
        set_password_url, {"password1": "brand-new-password-9", "password2": "brand-new-password-9"}
    )
    assert response.status_code == 302
    client.logout()
    assert not client.login(email=alice.email, password=PASSWORD)
    response = client.post(
        url("account_login"), {"login": alice.email, "password": "brand-new-password-9"}
    )
    assert response["Location"] == url("dashboard")


def test_password_reset_for_unknown_address_reveals_nothing(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("account_reset_password"), {"email": "nobody@example.org"})
    assert response.status_code == 302  # same answer as for a known address
    assert all("/password/reset/key/" not in m.body for m in mail.outbox)


def test_sign_up_with_an_address_already_taken_creates_no_second_account(
    client, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, email=alice.email.upper())
    assert User.objects.filter(email__iexact=alice.email).count() == 1


def test_sign_up_with_mismatched_passwords_says_so_in_french(client):
    response = sign_up(client, "fr", password2="another-password-x")
    assert response.status_code == 200
    assert not User.objects.filter(email="new@example.org").exists()
    assert "Vous devez saisir deux fois le même mot de passe" in response.content.decode()


@pytest.mark.parametrize(
    "name", ["account_login", "account_signup", "account_reset_password", "account_email"]
)
def test_french_account_pages_say_courriel(client, alice, name):
    if name == "account_email":
        client.force_login(alice)
    html = client.get(url(name, "fr")).content.decode()
    assert "courriel" in html.lower()
    visible = html.replace('type="email"', "").replace('autocomplete="email"', "")
    assert "e-mail" not in visible.lower()


@pytest.mark.parametrize(
    "language,greeting",
    [
        ("en", "Hello from Public services portal!"),
        ("fr", "Bonjour, c'est Portail des services publics"),
    ],
)
def test_confirmation_e_mail_greets_with_the_portals_name(
    client, django_capture_on_commit_callbacks, language, greeting
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, language, email=f"greet-{language}@example.org")
    body = last_email_to(f"greet-{language}@example.org").body
    assert greeting in body
    assert "example.com" not in body
