"""Demo data for the permits service (idempotent): two contractor accounts with PINs, linked
people with various permissions, and applications in several states."""

from django.db import transaction

from accounts.models import User
from permits import pins
from permits.models import Application, ApplicationTemplate, ContractorAccount, Fee, Inspection
from permits.services import FEE_SCHEDULE, contractor_register, fee_pay
from portal.models import Group, Membership
from portal.services.memberships import membership_join_by_code, membership_set_roles

# Fixed demo PINs, so the guide can be followed with the printed values.
OUELLET_PIN = "M5DC58TA2"
LMS_PIN = "K7PR4X9WB"


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _link(email: str, group: Group, roles: list[str]) -> None:
    user = _user(email)
    if Membership.objects.filter(user=user, group=group, status="active").exists():
        return
    membership = membership_join_by_code(user=user, group=group)
    if roles:
        membership_set_roles(membership=membership, roles=roles, actor=user)


def _application(account, reference, kind, status, site, by, *, paid=False, inspection=None):
    application, created = Application.objects.get_or_create(
        reference=reference,
        defaults={
            "account": account,
            "kind": kind,
            "status": status,
            "site_address": site,
            "submitted_by": by,
            "description": "Travaux selon les plans joints.",
        },
    )
    if not created:
        return
    fee = Fee.objects.create(
        application=application,
        label=kind,
        amount_cents=FEE_SCHEDULE[Application.Kind(kind)],
    )
    if paid:
        fee_pay(fee=fee, actor=by)
    if inspection:
        Inspection.objects.create(
            application=application, kind=inspection, wanted_on="2026-12-01", requested_by=by
        )


@transaction.atomic
def seed() -> None:
    contractor = _user("contractor@example.com")
    ouellet_group = Group.objects.get(
        organisation__legal_name="Ouellet Construction ltée", service="permits"
    )
    ouellet, _created = ContractorAccount.objects.get_or_create(
        group=ouellet_group,
        defaults={
            "pin": OUELLET_PIN,
            "tarion_number": "B41234",
            "contact_name": "Colin Ouellet",
            "email": "contractor@example.com",
            "phone": "613-555-0175",
            "street_address": "75 Albert Street",
            "city": "Ottawa",
            "province": "ON",
            "postal_code": "K1P 5E7",
            "account_holder": "Ouellet Construction ltée",
            "institution_number": "003",
            "transit_number": "00012",
            "account_last4": "4821",
        },
    )
    _link("julie@example.com", ouellet_group, ["permits.submit", "permits.upload"])
    _link("marc@example.com", ouellet_group, ["permits.pay"])
    _application(
        ouellet,
        "P2026-900001",
        "building",
        "issued",
        "120 Elgin Street, Ottawa",
        contractor,
        paid=True,
        inspection="footing",
    )
    _application(
        ouellet,
        "P2026-900002",
        "pool",
        "in_review",
        "8 Rideau Terrace, Ottawa",
        _user("julie@example.com"),
    )
    _application(
        ouellet,
        "P2026-900003",
        "sign",
        "submitted",
        "300 Bank Street, Ottawa",
        _user("julie@example.com"),
    )
    _application(
        ouellet,
        "P2023-400117",
        "demolition",
        "closed",
        "14 Parkdale Avenue, Ottawa",
        None,
        paid=False,
    )
    ApplicationTemplate.objects.get_or_create(
        account=ouellet,
        name="Maison unifamiliale",
        defaults={"kind": "building", "description": "Construction d’une maison unifamiliale."},
    )

    # A second contractor, registered by a client through the portal (P1).
    if not ContractorAccount.objects.filter(pin=LMS_PIN).exists():
        employer = _user("employer@example.com")
        account = contractor_register(
            user=employer,
            details={
                "legal_name": "LMS Architects",
                "operating_name": "LMS Corp",
                "tarion_number": "",
                "contact_name": "Émile Fortin",
                "email": "employer@example.com",
                "phone": "(613) 580-2400",
                "street_address": "110 Laurier Avenue West",
                "city": "Ottawa",
                "province": "ON",
                "postal_code": "K1P 1J1",
            },
        )
        ContractorAccount.objects.filter(pk=account.pk).update(pin=LMS_PIN)
        _link("contractor@example.com", account.group, ["permits.submit", "permits.inspections"])
        _link("colleague@example.com", account.group, [])
        account.refresh_from_db()
        _application(
            account,
            "P2026-900010",
            "building",
            "submitted",
            "55 Metcalfe Street, Ottawa",
            employer,
        )
    assert len(OUELLET_PIN) == pins.LENGTH and pins.normalise(LMS_PIN) == LMS_PIN
