"""Demo counters (J9): 60 days of views, apply clicks and shares for every live posting, so the
performance page has something to show. Idempotent (existing days are kept: ON CONFLICT DO
NOTHING); works on whatever postings are online when it runs."""

import datetime

from django.utils import timezone

from jobboard.postings.models import Posting
from jobboard.statistics.models import PostingDailyStat

DAYS = 60


def figures(posting_id: int, n: int) -> tuple[int, int, int]:
    """Plausible, repeatable figures: more views on weekdays and on recent days."""
    base = 5 + (posting_id * 7 + n * 13) % 23
    views = base + (DAYS - n) // 4
    return views, views // 6 + (n + posting_id) % 3, (posting_id + n) % 4 == 0


def seed() -> int:
    today = timezone.localdate()
    rows = []
    for posting_id in Posting.objects.filter(live=True).values_list("pk", flat=True):
        for n in range(DAYS):
            day = today - datetime.timedelta(days=n)
            views, clicks, shares = figures(posting_id, n)
            rows.append(
                PostingDailyStat(
                    posting_id=posting_id, day=day, views=views, clicks=clicks, shares=int(shares)
                )
            )
    PostingDailyStat.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
    return len(rows)
