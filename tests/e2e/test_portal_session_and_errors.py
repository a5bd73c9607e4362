"""Issue 17 items 16–17 in a real browser: the error summary takes the focus and its links
lead to the fields; two minutes before the idle timeout a dialog offers « Rester
connecté·e »; a form sent after the timeout comes back, with what was typed, after signing
in again. The browser's clock is driven by Playwright (no waiting); the server's idle time
is set in the session row."""

import time
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

from accounts.middleware import SESSION_SEEN
from tests.e2e.conftest import check_accessibility
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


# The configured engine (cached_db): a change made here must reach the server's cache too.
SessionStore = import_module(settings.SESSION_ENGINE).SessionStore


def sign_in(page, user, path="/fr/dashboard/"):
    page.goto(f"/fr/accounts/login/?next={path}")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{path}")


def idle_for(page, seconds: int) -> SessionBase:
    (cookie,) = [c for c in page.context.cookies() if c["name"] == "sessionid"]
    session = SessionStore(session_key=cookie["value"])
    session[SESSION_SEEN] = int(time.time()) - seconds
    session.save()
    return session


def focused_id(page) -> str:
    return page.evaluate("document.activeElement.id")


def test_error_summary_takes_the_focus_and_leads_to_the_field(page):
    user = UserFactory(first_name="Alice", last_name="Martin")
    sign_in(page, user, "/fr/me/profile/")
    page.get_by_label("Prénom").fill("")
    page.get_by_label("Téléphone").fill("12ab")
    page.locator("main form button[type=submit]").first.click()
    summary = page.get_by_test_id("error-summary")
    summary.wait_for()
    assert "Il y a un problème" in summary.inner_text()
    assert focused_id(page) == "error-summary"
    check_accessibility(page, "portal-fr-error-summary")
    summary.get_by_role("link", name="Téléphone").click()
    assert focused_id(page) == "id_phone"


def test_timeout_warning_then_stay_signed_in(page):
    user = UserFactory()
    page.clock.install()
    sign_in(page, user)
    idle_for(page, 28 * 60 + 30)  # the server: 90 s left
    page.clock.fast_forward("28:05")  # the page's own estimate reaches the warning
    dialog = page.get_by_role("alertdialog", name="Vous serez bientôt déconnecté·e")
    dialog.wait_for()
    assert page.evaluate("document.activeElement.textContent.trim()") == "Rester connecté·e"
    check_accessibility(page, "portal-fr-session-warning")
    dialog.get_by_role("button", name="Rester connecté·e").click()
    dialog.wait_for(state="hidden")
    fresh = [c for c in page.context.cookies() if c["name"] == "sessionid"][0]["value"]
    session = SessionStore(session_key=fresh)
    assert session[SESSION_SEEN] >= int(time.time()) - 5  # renewed, without leaving the page
    assert page.url.endswith("/fr/dashboard/")


def test_timeout_warning_says_when_the_session_has_ended(page):
    user = UserFactory()
    page.clock.install()
    page.goto("/en/")
    sign_in(page, user, "/en/dashboard/")
    idle_for(page, 29 * 60 + 50)  # 10 s left
    page.clock.fast_forward("28:05")
    page.get_by_role("alertdialog", name="You will soon be signed out").wait_for()
    page.clock.fast_forward(15_000)
    ended = page.get_by_role("alertdialog", name="Your session has ended")
    ended.wait_for()
    assert page.evaluate("document.activeElement.textContent.trim()") == "Sign in again"
    check_accessibility(page, "portal-en-session-ended")


def test_a_form_sent_after_the_timeout_comes_back_after_signing_in(page):
    user = UserFactory(first_name="Alice", last_name="Martin")
    sign_in(page, user, "/fr/me/profile/")
    page.get_by_label("Prénom").fill("Alicia")
    page.get_by_label("Téléphone").fill("613-555-0199")
    idle_for(page, 31 * 60)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/fr/accounts/login/?next=*")
    assert "vous reviendrez à votre formulaire" in page.content()
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/fr/me/profile/")
    page.get_by_test_id("form-resume").wait_for()
    assert page.get_by_label("Prénom").input_value() == "Alicia"
    assert page.get_by_label("Téléphone").input_value() == "613-555-0199"
    check_accessibility(page, "portal-fr-form-resumed")
    user.refresh_from_db()
    assert user.first_name == "Alice"  # nothing is sent again on its own
