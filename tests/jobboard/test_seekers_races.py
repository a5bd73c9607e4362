"""Races on real connections: a double-submitted consent, the weekly e-mail and the
followers' e-mail run twice at the same instant."""

import datetime

import pytest
from django.utils import timezone

from jobboard.postings import services
from jobboard.postings.models import Posting
from jobboard.seekers import digest
from jobboard.seekers import services as seekers
from jobboard.seekers.models import DigestDelivery, FollowerNotice, SeekerConsent, SeekerProfile
from portal.models import OutboundEmail
from tests.factories import UserFactory
from tests.jobboard.postings_helpers import complete_posting, ready_group
from tests.utils import run_concurrently

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("attempt", range(3))
def test_consent_given_twice_at_once_opens_one_row(attempt):
    user = UserFactory()
    results = run_concurrently(
        lambda: seekers.consent_give(user=user, language="fr"),
        lambda: seekers.consent_give(user=user, language="fr"),
    )
    assert all(r is not None for r in results)
    assert SeekerProfile.objects.filter(user=user).count() == 1
    assert SeekerConsent.objects.filter(withdrawn_at__isnull=True).count() == 1
    assert SeekerProfile.objects.get(user=user).targeted_consent


def _live(group, user):
    posting = complete_posting(group, user, state=Posting.State.ACTIVE, live=True)
    posting.published = services.snapshot(posting)
    posting.published_at = timezone.now() - datetime.timedelta(days=1)
    posting.save()
    return posting


@pytest.mark.parametrize("attempt", range(2))
def test_the_digest_twice_at_once_sends_each_subscriber_once(attempt):
    manager = UserFactory()
    _live(ready_group(manager), manager)
    users = [UserFactory() for _n in range(30)]
    SeekerProfile.objects.bulk_create(SeekerProfile(user=u, weekly_digest=True) for u in users)
    results = run_concurrently(
        lambda: digest.weekly_digest_send(batch=7),
        lambda: digest.weekly_digest_send(batch=7),
    )
    assert sum(results) == 30
    assert DigestDelivery.objects.count() == 30
    sent = OutboundEmail.objects.filter(template=digest.TEMPLATE).values_list("to", flat=True)
    assert sorted(sent) == sorted(u.email for u in users)


@pytest.mark.parametrize("attempt", range(2))
def test_the_follower_email_twice_at_once_sends_once(attempt):
    manager = UserFactory()
    group = ready_group(manager)
    posting = _live(group, manager)
    for _n in range(20):
        seekers.follow(user=UserFactory(), group=group)
    results = run_concurrently(
        lambda: seekers.follower_notices_send(posting_id=posting.pk, batch=6),
        lambda: seekers.follower_notices_send(posting_id=posting.pk, batch=6),
    )
    assert sum(results) == 20 and FollowerNotice.objects.count() == 20
    assert OutboundEmail.objects.filter(template="jobboard_follow_new_posting").count() == 20
