"""The seekers' demo: known seekers, hundreds of consenting ones, followers; twice is once."""

import pytest

from jobboard import demo
from jobboard.seekers import demo as demo_seekers
from jobboard.seekers.models import Follow, SeekerConsent, SeekerProfile
from portal.demo import seed_accounts, seed_core

pytestmark = pytest.mark.django_db


def test_demo_seekers_idempotent():
    seed_accounts()
    seed_core()
    demo.seed()
    counts = (SeekerProfile.objects.count(), SeekerConsent.objects.count(), Follow.objects.count())
    demo.seed()
    assert counts == (
        SeekerProfile.objects.count(),
        SeekerConsent.objects.count(),
        Follow.objects.count(),
    )
    assert counts[0] == demo_seekers.GENERATED + len(demo_seekers.DEMO_PEOPLE)
    assert SeekerProfile.objects.filter(targeted_consent=True).count() >= demo_seekers.GENERATED
    assert Follow.objects.filter(user__email="seeker@example.com").exists()
    assert demo.DEMO_PEOPLE == demo_seekers.DEMO_PEOPLE
