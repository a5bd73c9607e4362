"""C1, C2, C10 in a real browser: sign up, verify, sign in, edit the profile, sign out,
in French and in English, with an accessibility check on every page."""

import re

import pytest

from accounts.models import User
from portal.models import OutboundEmail
from tests.e2e.conftest import check_accessibility

TEXT = {
    "fr": {
        "sign_up": "S’inscrire",
        "verify_heading": "Vérifiez votre adresse",
        "confirm_button": "Confirmer",
        "welcome": "Bienvenue, Nadia Pelletier",
        "profile": "Mon profil",
        "saved": "Votre profil a été enregistré.",
        "sign_out": "Se déconnecter",
        "sign_in": "Se connecter",
    },
    "en": {
        "sign_up": "Sign up",
        "verify_heading": "Verify Your Email Address",
        "confirm_button": "Confirm",
        "welcome": "Welcome, Nadia Pelletier",
        "profile": "My profile",
        "saved": "Your profile has been saved.",
        "sign_out": "Sign out",
        "sign_in": "Sign in",
    },
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sign_up_verify_sign_in_edit_profile_sign_out(page, lang):
    t = TEXT[lang]
    email = f"nadia.{lang}@example.org"

    page.goto(f"/{lang}/")
    check_accessibility(page, f"accounts-{lang}-1-home")
    page.get_by_role("banner").get_by_role("link", name=t["sign_up"]).click()
    check_accessibility(page, f"accounts-{lang}-2-signup")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=first_name]").fill("Nadia")
    page.locator("input[name=last_name]").fill("Pelletier")
    page.locator("input[name=password1]").fill("a-long-new-password")
    page.locator("input[name=password2]").fill("a-long-new-password")
    page.locator("main form button[type=submit]").click()

    page.get_by_role("heading", name=re.compile(t["verify_heading"], re.I)).wait_for()
    check_accessibility(page, f"accounts-{lang}-3-verification-sent")
    user = User.objects.get(email=email)
    assert user.language == lang
    message = OutboundEmail.objects.get(to=email)
    assert message.language == lang and message.status == OutboundEmail.Status.SENT
    link = re.search(r"https?://\S+/confirm-email/\S+/", message.body_text).group(0)

    page.goto(re.sub(r"^https?://[^/]+", "", link))
    check_accessibility(page, f"accounts-{lang}-4-confirm")
    page.locator("main form button[type=submit]").click()
    page.locator("input[name=login]").wait_for()
    assert user.emailaddress_set.get().verified

    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill("a-long-new-password")
    check_accessibility(page, f"accounts-{lang}-5-sign-in")
    page.locator("main form button[type=submit]").click()
    page.get_by_role("heading", name=t["welcome"]).wait_for()
    assert page.url.endswith(f"/{lang}/dashboard/")
    check_accessibility(page, f"accounts-{lang}-6-dashboard")

    page.get_by_role("link", name=t["profile"]).click()
    page.locator("input[name=phone]").fill("613-555-0123")
    check_accessibility(page, f"accounts-{lang}-7-profile")
    page.locator("main form button[type=submit]").click()
    page.get_by_text(t["saved"]).wait_for()
    user.refresh_from_db()
    assert user.phone == "613-555-0123"

    page.get_by_role("button", name=t["sign_out"]).click()
    page.wait_for_url(f"**/{lang}/")  # signing out keeps the language
    page.get_by_role("banner").get_by_role("link", name=t["sign_in"]).wait_for()
    check_accessibility(page, f"accounts-{lang}-8-signed-out")


@pytest.mark.django_db(transaction=True)
def test_bad_sign_up_input_is_explained_and_kept(page):
    page.goto("/fr/accounts/signup/")
    page.locator("input[name=email]").fill("not-an-address")
    page.locator("input[name=first_name]").fill("Nadia")
    page.locator("input[name=password1]").fill("short")
    page.locator("input[name=password2]").fill("different")
    page.locator("main form button[type=submit]").click()
    page.locator(".invalid-feedback").first.wait_for()
    body = page.locator("main").inner_text()
    assert "Saisissez une adresse e-mail valide" in body or "adresse" in body.lower()
    assert page.locator("input[name=first_name]").input_value() == "Nadia"  # nothing lost
    check_accessibility(page, "accounts-fr-signup-errors")
    assert not User.objects.filter(first_name="Nadia").exists()


@pytest.mark.django_db(transaction=True)
def test_language_switch_on_every_page(page):
    """Signed out, the switch is a plain link to the same page (issue 19: cacheable pages)."""
    page.goto("/fr/accounts/login/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Français").click()
    page.wait_for_url("**/fr/accounts/login/")
