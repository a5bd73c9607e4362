"""Builders for the public search tests: live postings with their published version."""

import datetime

from django.utils import timezone

from jobboard.postings import services
from jobboard.postings.models import Posting, ReferenceItem
from tests.jobboard.postings_helpers import complete_posting


def ref(kind: str, n: int = 0) -> ReferenceItem:
    return ReferenceItem.objects.filter(kind=kind).order_by("order")[n]


def live(
    group, user, *, days_ago: int = 0, featured: bool = False, domains=None, places=None, **fields
) -> Posting:
    """An active posting online, published `days_ago` days ago, its snapshot taken now."""
    posting = complete_posting(group, user, **fields)
    if domains is not None:
        posting.domains.set(domains)
    if places is not None:
        posting.places.set(places)
    today = timezone.localdate()
    posting.state = Posting.State.ACTIVE
    posting.live = True
    posting.published = services.snapshot(posting)
    posting.published_at = timezone.now() - datetime.timedelta(days=days_ago)
    posting.ends_on = today + datetime.timedelta(days=30 - days_ago)
    posting.featured_until = today + datetime.timedelta(days=3) if featured else None
    posting.save()
    return posting
