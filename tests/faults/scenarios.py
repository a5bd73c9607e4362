"""Data the fault tests prepare on their private database, run in a Django process there
(`stack.django_script(env, "from tests.faults.scenarios import mailings; mailings(6)")`)."""

import json

from django.utils import timezone


def mailings(count: int) -> None:
    """A live posting of this week, `count` digest subscribers and a paid targeted send to
    `count` other seekers: prints {"digest": [...addresses], "targeted": [...], "send": id}."""
    from jobboard.boosts import services as boosts
    from jobboard.boosts.models import TargetedSend
    from jobboard.seekers.models import SeekerProfile
    from tests.factories import UserFactory
    from tests.jobboard.boosts_helpers import active_posting, ref, seeker
    from tests.jobboard.postings_helpers import ready_group

    manager = UserFactory(email="manager@example.org")
    posting = active_posting(ready_group(manager), manager)
    posting.domains.set([ref("field", "civil")])
    digest = [UserFactory(email=f"digest{n}@example.org") for n in range(count)]
    SeekerProfile.objects.bulk_create(
        SeekerProfile(user=u, weekly_digest=True)  # type: ignore[misc]
        for u in digest
    )
    targeted = [seeker(email=f"targeted{n}@example.org").user for n in range(count)]
    send = boosts.targeted_confirm(posting=posting, scope="regions", actor=manager)
    TargetedSend.objects.filter(pk=send.pk).update(state="paid", paid_at=timezone.now())
    print(
        json.dumps(
            {
                "digest": [u.email for u in digest],
                "targeted": [u.email for u in targeted],
                "send": send.pk,
            }
        )
    )


def users(*emails: str) -> None:
    """Users who can sign in with tests.factories.PASSWORD."""
    from tests.factories import UserFactory

    for email in emails:
        UserFactory(email=email)
