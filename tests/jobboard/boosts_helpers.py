"""Builders for the boosts tests: an online posting and seekers with chosen profiles."""

import datetime

from django.utils import timezone

from jobboard.postings.models import Posting, ReferenceItem
from jobboard.seekers.models import SeekerProfile
from tests.factories import UserFactory
from tests.jobboard.postings_helpers import complete_posting


def ref(kind: str, code: str) -> ReferenceItem:
    return ReferenceItem.objects.get(kind=kind, code=code)


def active_posting(group, user, days_left: int = 30, **overrides) -> Posting:
    today = timezone.localdate()
    values = {
        "state": Posting.State.ACTIVE,
        "live": True,
        "published_at": timezone.now(),
        "ends_on": today + datetime.timedelta(days=days_left),
    }
    values.update(overrides)
    posting = complete_posting(group, user, **values)
    posting.published = {"title_fr": posting.title_fr, "title_en": posting.title_en}
    posting.save(update_fields=["published"])
    return posting


def seeker(
    *,
    fields=("civil",),
    regions=("montreal",),
    years: int = 5,
    consent: bool = True,
    profile: str = "engineer",
    outside: bool = False,
    **user,
) -> SeekerProfile:
    return SeekerProfile.objects.create(
        user=UserFactory(**user),  # type: ignore[misc]
        profile=profile,
        field_ids=[ref("field", c).pk for c in fields],
        region_ids=[ref("region", c).pk for c in regions],
        years_on_roll=years,
        targeted_consent=consent,
        outside_quebec=outside,
    )
