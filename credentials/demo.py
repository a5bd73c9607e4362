"""Demo registry: a few hundred operators on the public list (idempotent)."""

import datetime
import random

from django.db import transaction

from credentials.models import CredentialClass, CredentialType, RegistryRecord

FIRST = [
    "Alex",
    "Marie",
    "Jean",
    "Priya",
    "Wei",
    "Fatima",
    "Luc",
    "Sarah",
    "Noah",
    "Chantal",
    "Omar",
    "Isabelle",
    "Daniel",
    "Aisha",
    "Pierre",
    "Emily",
    "Raj",
    "Sophie",
    "Tom",
    "Nadia",
]
LAST = [
    "Tremblay",
    "Smith",
    "Roy",
    "Patel",
    "Chen",
    "Gagnon",
    "Wilson",
    "Martin",
    "Singh",
    "Côté",
    "Brown",
    "Bouchard",
    "Lee",
    "Morin",
    "Taylor",
    "Nguyen",
    "Lavoie",
    "Campbell",
]
SNAPSHOT = datetime.date(2026, 11, 1)

# The demo operator accounts' own registry rows (matching/demo.py uses the same numbers).
DEMO_ROWS = [
    # operator id, name, number, type code, class, status, expiry
    (
        "10000001",
        "Olivier Pelletier",
        "DW-100001",
        "drinking-water-certificate",
        "III",
        "valid",
        "2028-06-30",
    ),
    (
        "10000001",
        "Olivier Pelletier",
        "WW-200001",
        "wastewater-licence",
        "II",
        "valid",
        "2027-12-31",
    ),
    (
        "10000002",
        "Hélène Bergeron",
        "DW-100002",
        "drinking-water-certificate",
        "II",
        "valid",
        "2027-09-30",
    ),
    ("10000003", "Kevin O'Brien", "WW-200003", "wastewater-licence", "I", "valid", "2028-03-31"),
    (
        "10000004",
        "Gabriel Lefebvre",
        "DW-100004",
        "drinking-water-certificate",
        "IV",
        "valid",
        "2029-01-31",
    ),
    (
        "10000005",
        "Amira Haddad",
        "DW-100005",
        "drinking-water-certificate",
        "OIT",
        "valid",
        "2027-04-30",
    ),
]


@transaction.atomic
def seed() -> None:
    if RegistryRecord.objects.filter(number="DW-100001").exists():
        return
    types = {t.code: t for t in CredentialType.objects.filter(family="water_operator")}
    classes = {(c.type.code, c.code): c for c in CredentialClass.objects.select_related("type")}
    rows = []
    for operator_id, name, number, type_code, class_code, status, expiry in DEMO_ROWS:
        rows.append(
            RegistryRecord(
                operator_id=operator_id,
                name=name,
                number=number,
                type=types[type_code],
                credential_class=classes[(type_code, class_code)],
                status=status,
                expires_on=datetime.date.fromisoformat(expiry),
                snapshot_date=SNAPSHOT,
            )
        )
    rng = random.Random(2026)
    for i in range(300):
        type_code = "drinking-water-certificate" if i % 3 else "wastewater-licence"
        class_code = rng.choice(["OIT", "I", "II", "III", "IV"])
        status = "valid" if i % 17 else rng.choice(["expired", "suspended"])
        rows.append(
            RegistryRecord(
                operator_id=f"2{i:07d}",
                name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                number=f"{'DW' if type_code.startswith('drinking') else 'WW'}-{300000 + i}",
                type=types[type_code],
                credential_class=classes[(type_code, class_code)],
                status=status,
                expires_on=SNAPSHOT + datetime.timedelta(days=rng.randint(-120, 1100)),
                snapshot_date=SNAPSHOT,
            )
        )
    RegistryRecord.objects.bulk_create(rows)
