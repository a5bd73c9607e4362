"""Issue 17 item 13: the notes casework's system writes (« Closure requested by … », an
objective's type) are read in the reader's language, however they were stored."""

from importlib import import_module

import pytest
from django.apps import apps
from django.utils import translation

from casework.plans import services as plans
from portal.selectors import audit_history
from tests.casework.helpers import pdf
from tests.casework.plan_helpers import open_plan, placement_type, ready_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def active(providers):
    p = providers
    client = ready_client(p.a, p.worker_a)
    return p, open_plan(p.a, p.point_a, p.worker_a, client)


def closed_on_request(p, plan):
    request = plans.closure_request_create(
        plan=plan,
        requester_group=p.b.group,
        actor=p.worker_b,
        consent_upload=pdf("consent.pdf"),
        consent_signed_on=plan.start_date,
        note="Le client a accepté un placement chez nous.",
    )
    with translation.override("fr"):
        plans.closure_request_accept(request=request, actor=p.worker_a)
    plan.refresh_from_db()
    return plan


def notes(plan) -> list[str]:
    return [event.display_note for event in audit_history(plan) if event.display_note]


def test_the_closing_note_reads_in_each_language(active):
    p, plan = active
    plan = closed_on_request(p, plan)
    provider = str(p.b.group.organisation)
    with translation.override("en"):
        assert plan.display_close_note == f"Closure requested by {provider}."
        assert f"Closure requested by {provider}." in notes(plan)
    with translation.override("fr"):
        assert plan.display_close_note == f"Fermeture demandée par {provider}."
    assert plan.close_note == f"Fermeture demandée par {provider}."  # the admin's copy


def test_an_objective_note_names_the_type_in_each_language(active):
    p, plan = active
    plans.objective_add(plan=plan, type=placement_type(), actor=p.worker_a)
    with translation.override("en"):
        assert "Objective: Summer job placement" in notes(plan)
    with translation.override("fr"):
        assert any(n.startswith("Objectif\u00a0: Placement d") for n in notes(plan))


def test_the_data_migration_converts_what_rows_hold(active):
    p, plan = active
    plans.objective_add(plan=plan, type=placement_type(), actor=p.worker_a)
    plan = closed_on_request(p, plan)
    provider = str(p.b.group.organisation)
    # Rows written before issue 17: the sentence in the writer's language, no key.
    type(plan).objects.filter(pk=plan.pk).update(
        close_note_key=None, close_note=f"Fermeture demandée par {provider}."
    )
    events = audit_history(plan)
    for event in events:
        if event.verb == "plan.objective_added":
            event.note, event.note_key = "Summer job placement", None
        elif event.note_key:
            event.note, event.note_key = f"Closure requested by {provider}.", None
        event.save()
    import_module("casework.migrations.0004_system_text_rows").forwards(apps, None)
    plan.refresh_from_db()
    with translation.override("fr"):
        assert plan.display_close_note == f"Fermeture demandée par {provider}."
        assert f"Fermeture demandée par {provider}." in notes(plan)
        assert any(n.startswith("Objectif\u00a0: Placement d") for n in notes(plan))
    with translation.override("en"):
        assert plan.display_close_note == f"Closure requested by {provider}."
