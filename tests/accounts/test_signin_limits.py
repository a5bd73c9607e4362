"""Issue 18 (2): sign-in limits count per account and per address+account; the address alone
has only a high ceiling, so an office behind one address is not locked out by one colleague
or one attacker (docs/rate-limits.md)."""

import pytest

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

OFFICE, HOME = "198.51.100.9", "192.0.2.77"
WRONG = "The email address and/or password you specified are not correct."
TOO_MANY = "Too many failed login attempts. Try again later."


def sign_in(client, user, password, ip):
    client.logout()
    return client.post(
        "/en/accounts/login/", {"login": user.email, "password": password}, REMOTE_ADDR=ip
    )


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/en/dashboard/"


def test_many_failed_sign_ins_from_one_address_do_not_lock_out_another_person(client):
    colleagues = [UserFactory() for _ in range(15)]
    for colleague in colleagues:
        for _ in range(3):
            assert WRONG in sign_in(client, colleague, "not-my-password", OFFICE).content.decode()
    alice = UserFactory()
    assert signed_in(sign_in(client, alice, PASSWORD, OFFICE))


def test_wrong_passwords_block_that_account_from_that_address_only(client):
    alice = UserFactory()
    for _ in range(5):
        assert WRONG in sign_in(client, alice, "not-my-password", OFFICE).content.decode()
    response = sign_in(client, alice, PASSWORD, OFFICE)
    assert TOO_MANY in response.content.decode() and "_auth_user_id" not in client.session
    # The same person at home, and a colleague at the office, still sign in.
    assert signed_in(sign_in(client, alice, PASSWORD, HOME))
    assert signed_in(sign_in(client, UserFactory(), PASSWORD, OFFICE))


def test_an_account_tried_from_many_addresses_is_blocked_everywhere(client):
    alice = UserFactory()
    for n in range(20):
        sign_in(client, alice, "not-my-password", f"203.0.113.{n + 1}")
    response = sign_in(client, alice, PASSWORD, HOME)
    assert TOO_MANY in response.content.decode() and "_auth_user_id" not in client.session


def test_a_successful_sign_in_is_not_counted(client):
    alice = UserFactory()
    for _ in range(4):
        sign_in(client, alice, "not-my-password", OFFICE)
    assert signed_in(sign_in(client, alice, PASSWORD, OFFICE))
    assert signed_in(sign_in(client, alice, PASSWORD, OFFICE))
    assert WRONG in sign_in(client, alice, "not-my-password", OFFICE).content.decode()
    assert TOO_MANY in sign_in(client, alice, PASSWORD, OFFICE).content.decode()
