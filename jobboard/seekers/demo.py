"""Job seekers demo (idempotent): three seekers with known passwords (printed with the other
demo accounts), several hundred generated seekers who consented to targeted postings, and
followers of the demo companies. Bulk inserts only, so the demo stays fast."""

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from jobboard.postings.models import ReferenceItem
from jobboard.seekers import services as seekers
from jobboard.seekers.models import Follow, SeekerConsent, SeekerProfile
from portal.demo import DEMO_PASSWORD, DemoAccount, demo_user
from portal.models import Group

DEMO_PEOPLE = [
    DemoAccount("seeker@example.com", "Sarah", "Bergeron", "job seeker (engineer)"),
    DemoAccount("cpi@example.com", "Kevin", "Nadeau", "job seeker (CPI)", language="en"),
    DemoAccount("jobs-weekly@example.com", "Léa", "Poirier", "job seeker (weekly e-mail only)"),
]
GENERATED = 400
GENERATED_DOMAIN = "seekers.example.com"


def _ids(kind: str) -> list[int]:
    return list(
        ReferenceItem.objects.filter(kind=kind).order_by("order").values_list("pk", flat=True)
    )


def _people(fields: list[int], regions: list[int], groups: list[Group]) -> None:
    for n, account in enumerate(DEMO_PEOPLE):
        user = demo_user(account)
        if SeekerProfile.objects.filter(user=user).exists():
            continue
        engineer = "CPI" not in account.kind
        seekers.seeker_profile_save(
            user=user,
            profile="engineer" if engineer else "cpi",
            field_ids=fields[n : n + 2],
            region_ids=regions[n : n + 2],
            outside_quebec=n == 0,
            years_on_roll=7 if engineer else 0,
            weekly_digest=True,
            consent=n < 2,
            language=account.language,
        )
        for group in groups[: 2 - n if n < 2 else 0]:
            seekers.follow(user=user, group=group)


def _generated(fields: list[int], regions: list[int], groups: list[Group]) -> None:
    if User.objects.filter(email__endswith="@" + GENERATED_DOMAIN).exists():
        return
    password = make_password(DEMO_PASSWORD)
    users = User.objects.bulk_create(
        User(
            email=f"seeker{n:04d}@{GENERATED_DOMAIN}",
            first_name="Chercheur",
            last_name=f"{n:04d}",
            language="en" if n % 4 == 0 else "fr",
            password=password,
        )
        for n in range(GENERATED)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users
    )
    profiles = SeekerProfile.objects.bulk_create(
        SeekerProfile(
            user=u,
            profile="cpi" if n % 5 == 0 else "engineer",
            field_ids=sorted({fields[n % len(fields)], fields[(n * 7) % len(fields)]}),
            region_ids=[regions[n % len(regions)]],
            outside_quebec=n % 6 == 0,
            years_on_roll=0 if n % 5 == 0 else n % 25,
            targeted_consent=True,
            weekly_digest=n % 3 != 0,
        )
        for n, u in enumerate(users)
    )
    now = timezone.now()
    SeekerConsent.objects.bulk_create(
        SeekerConsent(
            seeker=p,
            wording=seekers.consent_wording(p.user.language),
            language=p.user.language,
            given_at=now,
        )
        for p in profiles
    )
    Follow.objects.bulk_create(
        [Follow(user=u, group=groups[n % len(groups)]) for n, u in enumerate(users) if n % 2 == 0],
        ignore_conflicts=True,
    )


@transaction.atomic
def seed() -> None:
    fields, regions = _ids(ReferenceItem.Kind.FIELD), _ids(ReferenceItem.Kind.REGION)
    groups = list(
        seekers.public_groups().filter(postings__isnull=False).distinct().order_by("pk")[:3]
    ) or list(seekers.public_groups().order_by("pk")[:3])
    if not fields or not regions or not groups:
        return
    _people(fields, regions, groups)
    _generated(fields, regions, groups)
