"""Demo data for `make run`: one account per staff role and per kind of user.

Every function here is idempotent: running seed_demo twice changes nothing.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import Language, StaffRole, User

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


@transaction.atomic
def seed_accounts() -> list[DemoAccount]:
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=account.email,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "staff_role": account.staff_role,
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
    return DEMO_ACCOUNTS
