"""Issue 18 (1): the licence code limit holds across web worker processes and simultaneous
tries."""

import pytest

from licensing import codes as codebook
from licensing import services
from licensing.models import Application
from tests.licensing.helpers import approved
from tests.two_workers import two_workers  # noqa: F401 - the fixture

pytestmark = [pytest.mark.workers, pytest.mark.django_db(transaction=True)]


def test_thirty_simultaneous_codes_on_two_workers_check_exactly_the_limit(two_workers):  # noqa: F811
    application = approved()
    cookies = two_workers.cookies(application.applicant)
    url = f"/en/licensing/applications/{application.pk}/redeem/"
    guesses = [codebook.generate() for _ in range(30)]
    pages = two_workers.at_once(30, lambda i: two_workers.post(cookies, url, {"code": guesses[i]}))
    assert {page.status_code for page in pages} == {400}
    limit = services.CODE_PER_USER.limit
    assert sum("does not exist" in page.text for page in pages) == limit
    assert sum("Too many tries. Wait" in page.text for page in pages) == 30 - limit
    assert Application.objects.get().state == Application.State.APPROVED
