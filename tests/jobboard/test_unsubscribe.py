"""One-click unsubscribe: a signed link that works signed out, and RFC 8058 headers."""

import pytest
from django.core import signing

from jobboard.seekers.unsubscribe import (
    SALT,
    register_unsubscribe,
    unsubscribe_headers,
    unsubscribe_token,
    unsubscribe_url,
)

pytestmark = pytest.mark.django_db
STOPPED: list = []


@pytest.fixture(autouse=True)
def test_mailing():
    STOPPED.clear()
    register_unsubscribe(
        "test-mailing", "the test mailing", lambda user, arg: STOPPED.append((user.pk, arg))
    )


def test_the_link_asks_then_stops_the_mailing_signed_out(client, alice):
    path = unsubscribe_url(alice, "test-mailing", 7).split("example.com")[-1]
    path = path[path.index("/fr/") :]
    page = client.get(path)
    assert page.status_code == 200 and STOPPED == []
    assert "alice@example.org" in page.content.decode()
    done = client.post(path)
    assert done.status_code == 200 and [(alice.pk, "7")] == STOPPED


def test_mail_clients_one_click_post_needs_no_csrf_token(alice):
    from django.test import Client

    headers = unsubscribe_headers(alice, "test-mailing")
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = headers["List-Unsubscribe"].strip("<>")
    path = url[url.index("/fr/") :]
    answer = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200 and [(alice.pk, "")] == STOPPED


def test_a_token_cannot_be_turned_into_another_users(client, alice, bob):
    token = unsubscribe_token(alice, "test-mailing")
    forged = signing.dumps([bob.pk, "test-mailing", ""], salt="another-salt", compress=True)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (forged, tampered, "nonsense"):
        assert client.post(f"/fr/jobs/unsubscribe/{bad}/").status_code == 404
    unknown = signing.dumps([alice.pk, "no-such-mailing", ""], salt=SALT, compress=True)
    assert client.post(f"/fr/jobs/unsubscribe/{unknown}/").status_code == 404
    assert STOPPED == []
    # Signed in as Bob, Alice's link still only stops Alice's mailing.
    client.force_login(bob)
    client.post(f"/fr/jobs/unsubscribe/{token}/")
    assert [(alice.pk, "")] == STOPPED
