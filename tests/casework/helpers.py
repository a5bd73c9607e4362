"""Casework test helpers (shared with the plans tests)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from casework.models import Client, Employer, Provider
from casework.registry import services as registry
from tests.factories import UserFactory, make_member

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf(name: str = "signed.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def make_provider(name: str, *, seats: int = 5, eo_id: str = "", city: str = "Sudbury"):
    ministry = UserFactory(staff_role="ministry")
    provider = registry.provider_create(actor=ministry, legal_name=name, seats=seats, city=city)
    point = registry.service_point_create(
        group=provider.group,
        actor=ministry,
        eo_id=eo_id or f"EO-{provider.pk:04d}",
        name=f"{name} — {city}",
        city=city,
    )
    return provider, point


def make_worker(provider: Provider, roles=("casework.case_worker",), **kwargs):
    user = UserFactory(**kwargs)
    make_member(user, provider.group, list(roles))
    return user


def client_fields(**overrides) -> dict:
    fields = {
        "first_name": "Émilie",
        "last_name": "Gagnon",
        "birth_date": datetime.date(2008, 5, 14),
        "city": "Sudbury",
        "phone": "705-555-0101",
        "email": "emilie@example.org",
    }
    fields.update(overrides)
    return fields


def make_client(provider: Provider, actor, **overrides) -> Client:
    return registry.client_register(
        actor=actor, group=provider.group, fields=client_fields(**overrides)
    )


def make_employer(provider: Provider, actor, **overrides) -> Employer:
    fields = {
        "legal_name": "Boulangerie du Nord inc.",
        "business_number": "123456789",
        "city": "Sudbury",
    }
    fields.update(overrides)
    return registry.employer_register(actor=actor, group=provider.group, fields=fields)
