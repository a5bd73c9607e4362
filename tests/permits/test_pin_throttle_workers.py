"""Issue 18 (1): the PIN limit holds across web worker processes and simultaneous tries."""

from collections import Counter

import pytest

from permits import services
from permits.models import PinAttempt
from tests.factories import UserFactory
from tests.permits.helpers import register
from tests.two_workers import two_workers  # noqa: F401 - the fixture

pytestmark = [pytest.mark.workers, pytest.mark.django_db(transaction=True)]


def test_thirty_simultaneous_pin_tries_on_two_workers_check_exactly_five(two_workers):  # noqa: F811
    register(UserFactory())
    guesser = UserFactory()
    cookies = two_workers.cookies(guesser)
    pages = two_workers.at_once(
        30, lambda i: two_workers.post(cookies, "/fr/permits/associate/", {"pin": "AAA-BBB-CCC"})
    )
    assert {page.status_code for page in pages} == {200}
    limit = services.PIN_PER_USER.limit
    outcomes = Counter(PinAttempt.objects.filter(user=guesser).values_list("outcome", flat=True))
    assert outcomes == {"wrong": limit, "throttled": 30 - limit}
    told_to_wait = [page for page in pages if "Trop d’essais. Attendez" in page.text]
    assert len(told_to_wait) == 30 - limit
