"""The five offices: who they serve and whose holidays count for their deadlines."""

from dataclasses import dataclass
from functools import cache

from django.utils.translation import get_language

from accounts.models import StaffRole


@dataclass(frozen=True)
class Office:
    key: str
    service: str
    province: str  # the holidays counted in the office's business days


OFFICES: dict[str, Office] = {
    StaffRole.ACCREDITATION_OFFICE: Office(StaffRole.ACCREDITATION_OFFICE, "matching", "ON"),
    StaffRole.REGULATOR: Office(StaffRole.REGULATOR, "jobboard", "QC"),
    StaffRole.CERTIFICATION_OFFICE: Office(StaffRole.CERTIFICATION_OFFICE, "licensing", "ON"),
    StaffRole.MINISTRY: Office(StaffRole.MINISTRY, "casework", "ON"),
    StaffRole.CITY: Office(StaffRole.CITY, "permits", "ON"),
}


def office_label(key: str) -> str:
    return _label(key, get_language())


@cache
def _label(key: str, language: str | None) -> str:
    """Once per office and language: the labels are the code's (its .po files), fixed."""
    return str(StaffRole(key).label) if key in StaffRole.values else key


def province_of(office: str) -> str | None:
    found = OFFICES.get(office)
    return found.province if found else None
