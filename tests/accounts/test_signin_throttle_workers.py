"""Issue 18 (1): the sign-in limit holds across web worker processes and simultaneous tries."""

import pytest
from django.conf import settings

from tests.factories import UserFactory
from tests.two_workers import two_workers  # noqa: F401 - the fixture

pytestmark = [pytest.mark.workers, pytest.mark.django_db(transaction=True)]

WRONG = "The email address and/or password you specified are not correct."
TOO_MANY = "Too many failed login attempts. Try again later."


def test_thirty_simultaneous_wrong_passwords_on_two_workers_check_exactly_five(two_workers):  # noqa: F811
    alice = UserFactory()
    cookies = two_workers.cookies()
    form = {"login": alice.email, "password": "not-my-password"}
    pages = two_workers.at_once(
        30, lambda i: two_workers.post(cookies, "/en/accounts/login/", form)
    )
    assert {page.status_code for page in pages} == {200}
    limit = int(settings.ACCOUNT_RATE_LIMITS["login_failed_address_account"].split("/")[0])
    assert sum(WRONG in page.text for page in pages) == limit
    assert sum(TOO_MANY in page.text for page in pages) == 30 - limit
