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


def test_simultaneous_applications_pass_the_limit_no_more_than_it_allows():
    """Each application is counted before it is sent (atomic increment in the shared cache),
    so 12 posts at once from one applicant send 5, the per-applicant limit."""
    from jobboard.public import services as apply_services

    waits: list[int] = []

    def post():
        waits.append(apply_services.apply_take(email="Lea@Example.org", ip="192.0.2.7"))

    run_concurrently(*[post for _ in range(12)])
    assert sorted(waits).count(0) == apply_services.APPLY_PER_EMAIL.limit == 5
    assert all(wait > 0 for wait in waits if wait)
