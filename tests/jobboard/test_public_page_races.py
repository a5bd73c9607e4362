"""The daily counters on real concurrent connections: every increment counts (J9)."""

import pytest
from django.utils import timezone

from jobboard.statistics import services as stats
from jobboard.statistics.models import PostingDailyStat
from tests.factories import UserFactory
from tests.jobboard.postings_helpers import complete_posting, ready_group
from tests.utils import run_concurrently

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("attempt", range(2))
def test_concurrent_counts_give_the_exact_total(attempt):
    user = UserFactory()
    posting = complete_posting(ready_group(user), user)

    def visit():
        from django.db import connection

        for _ in range(10):
            stats.count(posting.pk, "views")
        stats.count(posting.pk, "shares")
        connection.close()

    run_concurrently(*[visit for _ in range(8)])
    row = PostingDailyStat.objects.get(posting=posting, day=timezone.localdate())
    assert (row.views, row.clicks, row.shares) == (80, 0, 8)
