"""Demo data for `make run`: one account per staff role and per kind of user.

Every function here is idempotent: running seed_demo twice changes nothing.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import Language, StaffRole, User
from portal.models import Group, Membership, Organisation
from portal.roles import MANAGER
from portal.services.memberships import membership_join_by_code, membership_request_join
from portal.services.organisations import group_request, organisation_request
from portal.services.permissions import sync_member_permissions

DEMO_PASSWORD = "demo-portal-2026"  # noqa: S105  (printed on purpose: demo accounts only)


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    kind: str
    staff_role: str = ""
    superuser: bool = False
    language: str = Language.FR


DEMO_ACCOUNTS = [
    DemoAccount("admin@example.com", "Ada", "Admin", "administrator", superuser=True),
    DemoAccount(
        "accreditation@example.com",
        "Amélie",
        "Tremblay",
        "staff: accreditation office",
        staff_role=StaffRole.ACCREDITATION_OFFICE,
    ),
    DemoAccount(
        "regulator@example.com",
        "Robert",
        "Gagnon",
        "staff: regulator",
        staff_role=StaffRole.REGULATOR,
        language=Language.EN,
    ),
    DemoAccount(
        "certification@example.com",
        "Chantal",
        "Roy",
        "staff: certification office",
        staff_role=StaffRole.CERTIFICATION_OFFICE,
    ),
    DemoAccount(
        "ministry@example.com",
        "Michel",
        "Côté",
        "staff: ministry",
        staff_role=StaffRole.MINISTRY,
        language=Language.EN,
    ),
    DemoAccount("city@example.com", "Carla", "Bouchard", "staff: city", staff_role=StaffRole.CITY),
    DemoAccount("operator@example.com", "Olivier", "Pelletier", "water operator"),
    DemoAccount("owner@example.com", "Odette", "Lavoie", "system owner", language=Language.EN),
    DemoAccount("employer@example.com", "Émile", "Fortin", "employer (job board)"),
    DemoAccount("representative@example.com", "Rita", "Morin", "company representative"),
    DemoAccount("employee@example.com", "Eddy", "Gauthier", "employee (licensing)"),
    DemoAccount("contractor@example.com", "Colin", "Ouellet", "contractor (permits)"),
    DemoAccount("caseworker@example.com", "Sophie", "Bélanger", "case worker (summer jobs)"),
]


# Members of the demo organisations who are not demo accounts of their own kind.
EXTRA_PEOPLE = [
    DemoAccount("julie@example.com", "Julie", "Lemieux", "posting manager (job board)"),
    DemoAccount(
        "marc@example.com", "Marc", "Caron", "finance manager (job board)", language=Language.EN
    ),
    DemoAccount("newcomer@example.com", "Nora", "Leblanc", "waiting to join a group"),
    DemoAccount("applicant@example.com", "Paul", "Girard", "waiting for a new organisation"),
    DemoAccount("colleague@example.com", "Chloé", "Dubé", "joined a contractor by code"),
]


def demo_user(account: DemoAccount) -> User:
    user, created = User.objects.get_or_create(
        email=account.email,
        defaults={
            "first_name": account.first_name,
            "last_name": account.last_name,
            "staff_role": account.staff_role,
            "staff_offices": {account.staff_role: "supervisor"} if account.staff_role else {},
            "language": account.language,
            "is_staff": account.superuser,
            "is_superuser": account.superuser,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=account.email, defaults={"verified": True, "primary": True}
    )
    return user


@transaction.atomic
def seed_accounts() -> list[DemoAccount]:
    for account in DEMO_ACCOUNTS + EXTRA_PEOPLE:
        demo_user(account)
    return DEMO_ACCOUNTS + EXTRA_PEOPLE


def demo_organisation(legal_name: str, **fields) -> Organisation:
    organisation, _created = Organisation.objects.get_or_create(
        legal_name=legal_name, imported=fields.pop("imported", False), defaults=fields
    )
    return organisation


def demo_group(organisation: Organisation, service: str, name: str = Group.DEFAULT_NAME) -> Group:
    group, _created = Group.objects.get_or_create(
        organisation=organisation,
        name=name,
        defaults={"service": service, "status": Group.Status.ACTIVE},
    )
    return group


def demo_member(email: str, group: Group, roles: list[str]) -> None:
    user = User.objects.get(email=email)
    if not Membership.objects.filter(user=user, group=group).exists():
        membership = Membership.objects.create(
            user=user, group=group, status=Membership.Status.ACTIVE, roles=roles
        )
        sync_member_permissions(membership)


@transaction.atomic
def seed_core() -> None:
    """Organisations with groups and members in several roles, and a waiting request of each
    kind: to join a group, to create an organisation, to create a group."""
    address = {
        "street_address": "1200 boulevard Laurier",
        "city": "Québec",
        "province": "QC",
        "postal_code": "G1V 4T3",
        "phone": "418-555-0142",
    }
    laurentides = demo_organisation(
        "Génie Conseil Laurentides inc.",
        operating_name="Laurentides Génie",
        registry_number="1171234567",
        kind=Organisation.Kind.COMPANY,
        status=Organisation.Status.ACTIVE,
        website="https://laurentides.example.ca",
        description="Firme d’ingénierie civile et municipale.",
        **address,
    )
    # An imported registry row repeating the same enterprise number: shown as a duplicate.
    demo_organisation(
        "GENIE CONSEIL LAURENTIDES INC",
        registry_number="1171234567",
        imported=True,
        status=Organisation.Status.ACTIVE,
        **address,
    )
    jobs = demo_group(laurentides, "jobboard")
    demo_member("employer@example.com", jobs, [MANAGER])
    demo_member("julie@example.com", jobs, ["jobboard.posting_manager"])
    demo_member("marc@example.com", jobs, ["jobboard.finance_manager"])

    greenstone = demo_organisation(
        "Municipality of Greenstone",
        kind=Organisation.Kind.MUNICIPALITY,
        status=Organisation.Status.ACTIVE,
        street_address="1800 Main Street",
        city="Geraldton",
        province="ON",
        postal_code="P0T 1M0",
        phone="807-555-0110",
    )
    demo_member("owner@example.com", demo_group(greenstone, "matching"), [MANAGER])

    ouellet = demo_organisation(
        "Ouellet Construction ltée",
        kind=Organisation.Kind.CONTRACTOR,
        status=Organisation.Status.ACTIVE,
        street_address="75 Albert Street",
        city="Ottawa",
        province="ON",
        postal_code="K1P 5E7",
        phone="613-555-0175",
    )
    contractors = demo_group(ouellet, "permits")
    demo_member("contractor@example.com", contractors, [MANAGER])
    colleague = User.objects.get(email="colleague@example.com")
    if not Membership.objects.filter(user=colleague, group=contractors).exists():
        membership_join_by_code(user=colleague, group=contractors)

    newcomer = User.objects.get(email="newcomer@example.com")
    if not Membership.objects.filter(user=newcomer, group=jobs).exists():
        membership_request_join(
            user=newcomer, group=jobs, message="Je travaille au bureau de Québec."
        )
    if not Organisation.objects.filter(legal_name="Construction Boréale inc.").exists():
        organisation_request(
            user=User.objects.get(email="applicant@example.com"),
            organisation=Organisation(
                legal_name="Construction Boréale inc.",
                registry_number="1179876543",
                kind=Organisation.Kind.COMPANY,
                street_address="45 rue Racine",
                city="Chicoutimi",
                province="QC",
                postal_code="G7H 1P9",
                phone="418-555-0190",
            ),
            service="jobboard",
        )
    if not Group.objects.filter(organisation=laurentides, name="Montréal").exists():
        group_request(
            user=User.objects.get(email="julie@example.com"),
            organisation=laurentides,
            name="Montréal",
            service="jobboard",
        )
