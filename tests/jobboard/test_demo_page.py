"""The demo's counters: 60 days for each live posting, twice the same."""

import pytest

from jobboard.statistics import demo as demo_page
from jobboard.statistics.models import PostingDailyStat
from tests.jobboard.postings_helpers import complete_posting, ready_group

pytestmark = pytest.mark.django_db


def test_sixty_days_for_live_postings_and_idempotent(alice):
    group = ready_group(alice)
    live = [complete_posting(group, alice, state="active", live=True) for _ in range(3)]
    complete_posting(group, alice)  # a draft: no figures
    demo_page.seed()
    before = list(PostingDailyStat.objects.order_by("pk").values_list("posting", "day", "views"))
    demo_page.seed()
    after = list(PostingDailyStat.objects.order_by("pk").values_list("posting", "day", "views"))
    assert before == after and len(after) == 3 * 60
    assert {row[0] for row in after} == {p.pk for p in live}
    assert all(row[2] > 0 for row in after)
