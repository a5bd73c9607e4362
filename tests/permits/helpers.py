"""Contractor accounts for tests, made through the same services the pages call."""

from permits.services import contractor_register
from tests.factories import make_member

DETAILS = {
    "legal_name": "LMS Architects",
    "operating_name": "",
    "tarion_number": "B12345",
    "contact_name": "",
    "email": "info@lms.example",
    "phone": "(613) 580-2400",
    "street_address": "110 Laurier Avenue West",
    "city": "Ottawa",
    "province": "ON",
    "postal_code": "K1P 1J1",
}


def register(user, **overrides):
    return contractor_register(user=user, details={**DETAILS, **overrides})


def link(user, account, roles=()):
    return make_member(user, account.group, list(roles))


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
