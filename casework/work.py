"""The ministry's suspected duplicates as items of the offices' console (issue 20)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from casework.registry.models import DuplicateSuspicion
from portal.console.kinds import Facts, Outcome, WorkKind, register_work_kind

OPEN = DuplicateSuspicion.Status.OPEN


def _name(client) -> str:
    return f"{client.first_name} {client.last_name}".strip()


def _facts(suspicion: DuplicateSuspicion) -> Facts:
    client, other = suspicion.client, suspicion.similar_to
    group = suspicion.reported_group
    return Facts(
        title=f"{_name(client)} ~ {_name(other)}",
        office="ministry",
        applicant=_name(client),
        organisation=str(group.organisation) if group else "",
        email=client.email,
        reference=f"D-{suspicion.pk}",
        arrived=suspicion.created_at,
    )


def _outcome(suspicion: DuplicateSuspicion) -> Outcome:
    return Outcome(
        outcome=suspicion.status,
        decided_by_id=suspicion.decided_by_id,
        note=suspicion.decision_note,
    )


def register() -> None:
    register_work_kind(
        WorkKind(
            key="casework.duplicate",
            label=_("Suspected duplicate"),
            model=DuplicateSuspicion,
            offices=("ministry",),
            waiting=lambda: DuplicateSuspicion.objects.filter(status=OPEN).select_related(
                "client", "similar_to", "reported_group__organisation"
            ),
            is_waiting=lambda suspicion: suspicion.status == OPEN,
            facts=_facts,
            outcome=_outcome,
            url=lambda suspicion: reverse("casework:duplicate", args=[suspicion.pk]),
            business_days=5,
            outcome_labels=dict(DuplicateSuspicion.Status.choices),
        )
    )
