"""Two alert runs at the same instant on real connections: each saved search is e-mailed once."""

import datetime

import pytest
from django.utils import timezone

from jobboard.seekers import saved_searches
from jobboard.seekers.models import SavedSearch
from portal.models import OutboundEmail
from tests.factories import UserFactory
from tests.jobboard.postings_helpers import ready_group
from tests.jobboard.search_helpers import live
from tests.utils import run_concurrently

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("attempt", range(3))
def test_two_runs_at_once_send_each_alert_once(attempt):
    user = UserFactory()
    group = ready_group(user)
    live(group, user, title_fr="Ingénieur·e hydraulique")
    yesterday = timezone.now() - datetime.timedelta(days=1)
    seekers = [UserFactory() for _n in range(5)]
    for seeker in seekers:
        SavedSearch.objects.create(
            user=seeker, label="Hydraulique", params={"q": ["hydraulique"]}, last_sent_at=yesterday
        )
    results = run_concurrently(
        saved_searches.saved_search_alerts, saved_searches.saved_search_alerts
    )
    assert sum(results) == 5
    for seeker in seekers:
        assert OutboundEmail.objects.filter(to=seeker.email).count() == 1
