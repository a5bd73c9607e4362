"""Builders for matching tests: registry rows, operators and owners in a given state."""

import datetime

from django.utils import timezone

from credentials.models import Credential, CredentialClass, CredentialType, RegistryRecord
from matching.models import Facility, OperatorProfile, OwnerProfile, ProfileState, Region
from tests.factories import GroupFactory, UserFactory, make_member

DW = "drinking-water-certificate"
WW = "wastewater-licence"


def ctype(code=DW) -> CredentialType:
    return CredentialType.objects.get(code=code)


def cclass(code="II", type_code=DW) -> CredentialClass:
    return CredentialClass.objects.get(type__code=type_code, code=code)


def region(code="northwestern") -> Region:
    return Region.objects.get(code=code)


def in_days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


_seq = iter(range(10_000_000, 99_999_999))


def registry_row(
    number,
    type_code=DW,
    class_code="II",
    expires=None,
    status="valid",
    operator_id="12345678",
    name="Alice Martin",
):
    return RegistryRecord.objects.create(
        operator_id=operator_id,
        name=name,
        number=number,
        type=ctype(type_code),
        credential_class=cclass(class_code, type_code),
        status=status,
        expires_on=expires or in_days(400),
        snapshot_date=timezone.localdate(),
    )


def credential(
    user, number, type_code=DW, class_code="II", expires=None, status="valid", registry=True
):
    expires = expires or in_days(400)
    if registry:
        registry_row(number, type_code, class_code, expires, name=user.get_full_name())
    return Credential.objects.create(
        holder=user,
        type=ctype(type_code),
        credential_class=cclass(class_code, type_code),
        number=number,
        expires_on=expires,
        status=status,
        source=Credential.Source.CLAIMED,
    )


def operator(
    user=None,
    state=ProfileState.ACTIVE,
    available=True,
    number=None,
    regions=None,
    days=(1, 2, 3, 4, 5),
    shift="both",
    **cred,
):
    user = user or UserFactory()
    profile = OperatorProfile.objects.create(
        user=user,
        operator_id="12345678",
        contact_phone="807-555-0100",
        contact_email=user.email,
        state=state,
        available=available,
        available_since=timezone.now() if available else None,
        days=list(days),
        shift=shift,
        regions=regions if regions is not None else [region().pk],
    )
    if number is not False:
        credential(user, number or f"DW-{next(_seq)}", **cred)
    refresh(profile)
    return profile


def refresh(profile):
    """The search pre-filter, as verification sets it (all classes held, valid or not)."""
    profile.credential_classes = sorted(
        set(
            Credential.objects.filter(holder=profile.user).values_list(
                "credential_class_id", flat=True
            )
        )
    )
    profile.save(update_fields=["credential_classes"])


def owner(user=None, state=ProfileState.ACTIVE, group=None, facilities=1):
    user = user or UserFactory()
    group = group or GroupFactory(service="matching", organisation__province="ON")
    if not group.memberships.filter(user=user).exists():
        make_member(user, group, ["manager"])
    profile = OwnerProfile.objects.create(group=group, state=state)
    for i in range(facilities):
        Facility.objects.create(
            owner=profile, certificate_number=f"F-{group.pk}-{i}", name=f"Plant {i}"
        )
    return profile
