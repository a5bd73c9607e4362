"""Helpers of the plans tests: a client ready for a plan, an employer with this year's form,
an open plan."""

import datetime

from django.utils import timezone

from casework.models import EmployerYearForm, ObjectiveType, PlanGoal, PlanSubGoal
from casework.plans import services as plans
from casework.registry import services as registry
from portal.files import private_file_store
from tests.casework.helpers import make_client, make_employer, pdf


def ready_client(provider, actor, *, consent: bool = True, **overrides):
    """A client whose registration is complete: income source, then the consent signed in
    presence with the participant form (without `consent`, stopped before that step)."""
    client = make_client(provider, actor, **overrides)
    registry.client_set_income_source(client=client, actor=actor, income_source="no_income")
    if consent:
        record_consent(provider, actor, client)
    client.refresh_from_db()
    return client


def record_consent(provider, actor, client):
    return registry.consent_record(
        client=client,
        group=provider.group,
        actor=actor,
        notice=registry.notice_current(),
        signed_on=timezone.localdate(),
        upload=pdf("participant-form.pdf"),
    )


def employer_with_form(provider, actor, year: int | None = None, **overrides):
    """An employer with its SJS form of `year` (this year by default; another year's form is
    written as recorded back then, since only this year's form is accepted now)."""
    employer = make_employer(provider, actor, **overrides)
    fields = {
        "year": year or timezone.localdate().year,
        "sector": "Retail",
        "employees": 12,
        "positions_offered": 2,
        "wsib_covered": True,
        "signer_name": "Marc Dubé",
        "signer_title": "Owner",
        "signed_on": timezone.localdate(),
    }
    if fields["year"] == timezone.localdate().year:
        registry.employer_year_form_add(
            employer=employer,
            group=provider.group,
            actor=actor,
            upload=pdf("employer.pdf"),
            fields=fields,
        )
    else:
        signed = private_file_store(upload=pdf("employer.pdf"), owner=actor)
        EmployerYearForm.objects.create(
            employer=employer, group=provider.group, signed_file=signed, **fields
        )
    return employer


def reference_data() -> None:
    """The plan's reference lists (a transactional test flushes the migration's rows)."""
    from importlib import import_module

    from django.apps import apps

    import_module("casework.migrations.0002_reference_data").seed(apps, None)


def goal_and_sub_goal():
    reference_data()
    goal = PlanGoal.objects.get(code="employment")
    return goal, PlanSubGoal.objects.get(code="summer_job")


def placement_type():
    return ObjectiveType.objects.get(code="placement")


def open_plan(provider, point, actor, client, start: datetime.date | None = None):
    goal, sub_goal = goal_and_sub_goal()
    return plans.plan_open(
        client=client,
        group=provider.group,
        service_point=point,
        goal=goal,
        sub_goal=sub_goal,
        start_date=start or timezone.localdate(),
        actor=actor,
    )


def placement_fields(employer, start: datetime.date | None = None) -> dict:
    start = start or timezone.localdate()
    return {
        "employer": employer,
        "position": "Cashier",
        "start_date": start,
        "end_date": start + datetime.timedelta(days=60),
        "hours_per_week": 20,
        "description": "",
    }
