"""Issue 17 item 16: the idle-timeout warning's endpoints and dialog, and a form sent after
the session ended given back, with what was typed, after signing in again."""

import json
import re
import time

import pytest
from django.test import Client

from accounts.middleware import SESSION_SEEN, SESSION_STARTED
from portal.lib.form_resume import SESSION_KEY
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def idle_for(client, seconds: int) -> None:
    session = client.session
    session[SESSION_SEEN] = int(time.time()) - seconds
    session.setdefault(SESSION_STARTED, int(time.time()) - seconds)
    session.save()


def test_status_tells_what_is_left_and_does_not_renew(client, alice, settings):
    client.force_login(alice)
    client.get("/fr/dashboard/")
    idle_for(client, 25 * 60)
    state = client.get("/session/").json()
    assert state["signed_in"] and 4 * 60 <= state["remaining"] <= 5 * 60
    assert client.session[SESSION_SEEN] <= int(time.time()) - 25 * 60  # not counted as activity
    assert client.get("/session/")["Cache-Control"].startswith("max-age=0")


def test_stay_signed_in_renews_the_session(client, alice, settings):
    client.force_login(alice)
    client.get("/fr/dashboard/")
    idle_for(client, 29 * 60)
    response = client.post("/session/renew/", headers={"accept": "application/json"})
    assert response.json()["remaining"] >= settings.SESSION_IDLE_TIMEOUT - 2
    idle_for(client, 29 * 60 + 59)  # would have ended without the renewal below
    client.post("/session/renew/", headers={"accept": "application/json"})
    assert client.get("/fr/dashboard/").status_code == 200


def test_renew_without_javascript_comes_back_to_the_page(client, alice):
    client.force_login(alice)
    response = client.post("/session/renew/", {"next": "/fr/me/profile/"})
    assert response["Location"] == "/fr/me/profile/"
    response = client.post("/session/renew/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_refused_paths(client, alice):
    assert client.post("/session/renew/").status_code == 401  # signed out: nothing to renew
    assert client.get("/session/").json() == {"signed_in": False, "remaining": 0}
    assert client.get("/session/renew/").status_code == 405  # no state change on GET
    csrf = Client(enforce_csrf_checks=True)
    csrf.force_login(alice)
    assert csrf.post("/session/renew/").status_code == 403


def test_an_ended_session_cannot_be_renewed(client, alice, settings):
    client.force_login(alice)
    client.get("/fr/dashboard/")
    idle_for(client, settings.SESSION_IDLE_TIMEOUT + 5)
    assert client.post("/session/renew/").status_code == 401


def test_every_signed_in_page_has_the_dialog_without_inline_script(client, alice):
    client.force_login(alice)
    html = client.get("/fr/dashboard/").content.decode()
    dialog = re.search(r'<dialog id="session-timeout".*?</dialog>', html, re.S).group(0)
    assert 'role="alertdialog"' in dialog and 'aria-labelledby="session-timeout-title"' in dialog
    assert "Rester connecté·e" in dialog and 'data-warn-before="120"' in dialog
    assert 'action="/session/renew/"' in dialog and "csrfmiddlewaretoken" in dialog
    assert '<script src="/static/js/session_timeout.js"></script>' in html
    assert "Stay signed in" in client.get("/en/dashboard/").content.decode()
    client.logout()
    assert "session-timeout" not in client.get("/fr/").content.decode().split("<footer")[0]
    assert 'id="session-timeout"' not in client.get("/fr/").content.decode()


def sign_in(client, user, next_url: str):
    response = client.post(
        f"/fr/accounts/login/?next={next_url}",
        {"login": user.email, "password": PASSWORD, "next": next_url},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def kept_data(html: str) -> dict:
    match = re.search(r'<script id="form-resume-data" type="application/json">(.*?)</script>', html)
    return json.loads(match.group(1)) if match else {}


def test_a_form_sent_after_the_timeout_comes_back_after_signing_in(client, alice, settings):
    client.force_login(alice)
    client.get("/fr/me/profile/")
    idle_for(client, settings.SESSION_IDLE_TIMEOUT + 5)
    typed = {"first_name": "Alicia", "last_name": "Martin", "phone": "613-555-0199"}
    response = client.post(
        "/fr/me/profile/", typed, headers={"referer": "http://testserver/fr/me/profile/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/fr/accounts/login/?next=%2Ffr%2Fme%2Fprofile%2F"
    alice.refresh_from_db()
    assert alice.first_name == "Alice"  # nothing was saved while signed out
    assert sign_in(client, alice, "/fr/me/profile/") == "/fr/me/profile/"
    html = client.get("/fr/me/profile/").content.decode()
    assert kept_data(html) == {k: [v] for k, v in typed.items()}
    assert "est de retour dans le formulaire" in html
    assert '<script src="/static/js/form_resume.js"></script>' in html
    assert kept_data(client.get("/fr/me/profile/").content.decode()) == {}  # given back once


def test_the_form_page_is_the_referer_and_passwords_are_never_kept(client, alice, settings):
    client.force_login(alice)
    idle_for(client, settings.SESSION_IDLE_TIMEOUT + 5)
    response = client.post(
        "/fr/groups/999/join/",
        {"message": "Bonjour", "password": "secret-value", "csrfmiddlewaretoken": "x"},
        headers={"referer": "http://testserver/fr/organisations/?q=acme"},
    )
    assert response["Location"].endswith("next=%2Ffr%2Forganisations%2F%3Fq%3Dacme")
    kept = client.session[SESSION_KEY]
    assert kept["data"] == {"message": ["Bonjour"]} and kept["user"] == alice.pk


def test_a_foreign_referer_is_not_followed(client, alice, settings):
    client.force_login(alice)
    idle_for(client, settings.SESSION_IDLE_TIMEOUT + 5)
    response = client.post(
        "/fr/me/profile/", {"first_name": "X"}, headers={"referer": "https://evil.example/x"}
    )
    assert response["Location"].endswith("next=%2Ffr%2Fme%2Fprofile%2F")


def test_someone_else_signing_in_gets_nothing(client, alice, bob, settings):
    client.force_login(alice)
    idle_for(client, settings.SESSION_IDLE_TIMEOUT + 5)
    client.post("/fr/me/profile/", {"first_name": "Secret"})
    sign_in(client, bob, "/fr/me/profile/")
    html = client.get("/fr/me/profile/").content.decode()
    assert kept_data(html) == {} and "Secret" not in html
    assert SESSION_KEY not in client.session


def test_an_htmx_post_is_sent_to_sign_in_by_header(client, alice, settings):
    client.force_login(alice)
    idle_for(client, settings.SESSION_IDLE_TIMEOUT + 5)
    response = client.post("/fr/me/profile/", {"first_name": "A"}, headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith("/fr/accounts/login/?next=")


def test_sign_out_and_language_posts_are_not_kept(client, alice, settings):
    client.force_login(alice)
    idle_for(client, settings.SESSION_IDLE_TIMEOUT + 5)
    client.post("/i18n/language/", {"language": "en", "next": "/fr/"})
    assert SESSION_KEY not in client.session


def test_an_error_page_before_the_middleware_still_renders(client):
    """A refused host is answered before the session and user are attached to the request."""
    response = client.get("/fr/", headers={"host": "evil.example"})
    assert response.status_code == 400 and 'id="session-timeout"' not in response.content.decode()
