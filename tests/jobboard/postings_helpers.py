"""Builders for the postings tests: a ready group, a complete draft, credits in the bank."""

import datetime

from django.utils import timezone

from billing import credits
from jobboard.postings import services
from jobboard.postings.models import Posting, ReferenceItem
from tests.factories import GroupFactory, make_member

SECTION = "<p>Concevoir des ponts.</p>"


def reference_data() -> None:
    """The migration's lists and products again (a transactional test flushes them)."""
    from importlib import import_module

    from django.apps import apps

    if not ReferenceItem.objects.exists():
        import_module("jobboard.migrations.0003_reference_data").load(apps, None)


def ready_group(manager=None, **fields):
    """A job board group with a logo (so postings may be submitted) and its manager."""
    reference_data()
    group = GroupFactory(organisation__legal_name=fields.pop("name", "Ponts et Chaussées inc."))
    group.logo.name = "logos/test.png"
    group.description = "Une firme de génie civil."
    group.website = "https://ponts.example.org"
    group.save()
    if manager is not None:
        make_member(manager, group, ["manager"])
    return group


def item(kind: str) -> ReferenceItem:
    return ReferenceItem.objects.filter(kind=kind).order_by("order")[0]


def complete_posting(group, user, **overrides) -> Posting:
    """A draft with every required field filled, ready to submit."""
    values = {
        "profile": Posting.Profile.ENGINEER,
        "title_fr": "Ingénieur·e en structures",
        "title_en": "Structural engineer",
        "function_type": item("function"),
        "employment_type": Posting.EmploymentType.PERMANENT,
        "position_status": Posting.PositionStatus.FULL_TIME,
        "work_mode": Posting.WorkMode.HYBRID,
        "apply_deadline": timezone.localdate() + datetime.timedelta(days=60),
        "location_kind": Posting.Location.ADDRESS,
        "street_address": "1000, rue Sherbrooke Ouest",
        "city": "Montréal",
        "postal_code": "H3A 3G4",
        "purpose_fr": SECTION,
        "duties_fr": SECTION,
        "qualifications_fr": SECTION,
        "apply_mode": Posting.ApplyMode.URL,
        "apply_url": "https://ponts.example.org/carrieres",
        "step": "preview",
    }
    values.update(overrides)
    posting = Posting.objects.create(group=group, created_by=user, **values)
    posting.domains.set([item("field")])
    return posting


def give_credits(group, kind=services.ENGINEER, n=1):
    credits.credit_add(group=group, kind=kind, n=n)


def submitted(group, user, **overrides) -> Posting:
    give_credits(group)
    posting = complete_posting(group, user, **overrides)
    return services.posting_submit(posting=posting, actor=user)


def open_review(posting):
    from django.contrib.contenttypes.models import ContentType

    from portal.models import Review

    return Review.objects.get(
        kind=services.POSTING_REVIEW,
        subject_type=ContentType.objects.get_for_model(Posting),
        subject_id=posting.pk,
        state="open",
    )
