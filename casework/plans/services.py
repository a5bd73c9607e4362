"""Every write of SJS service plans (S5), their closing and closure requests (S6).
Keyword-only functions, one transaction each; the plan row is locked before it changes.

`setup()` (called from the app's ready()) registers what the registry part needs from plans:
the merge hook and the "active plan at which provider" lookup.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.errors import CaseworkError
from casework.plans.models import (
    CloseReason,
    ClosureRequest,
    ObjectiveType,
    PlanGoal,
    PlanObjective,
    PlanSubGoal,
    ServicePlan,
)
from casework.registry import services as registry
from casework.registry.models import Client, Employer, EmployerYearForm, ServicePoint
from casework.roles import PLANS
from portal.audit_labels import register_states, register_verbs
from portal.files import private_file_store
from portal.lib.transitions import Workflow
from portal.models import Group, Membership
from portal.notify import notify
from portal.roles import permissions_for
from portal.services.audit import audit_record
from portal.system_text import (
    is_system_text,
    localized,
    register_messages,
    render_system_text,
    system_text,
)

S = ServicePlan.State
R = ClosureRequest.State

PLAN = Workflow(
    "plan",
    {S.ACTIVE: {S.CLOSED}},
    error=lambda: CaseworkError(gettext_lazy("This plan is already closed.")),
)
CLOSURE = Workflow(
    "closure_request",
    {R.PENDING: {R.ACCEPTED, R.REFUSED}},
    error=lambda: CaseworkError(gettext_lazy("This closure request was already decided.")),
)


# --- Reads the registry part uses ------------------------------------------------------------


def active_plans_lookup(client_ids: list[int]) -> dict[int, str]:
    """{client id: "provider, service point"} of active plans, one query for all."""
    plans = ServicePlan.objects.filter(client_id__in=client_ids, state=S.ACTIVE).select_related(
        "group__organisation", "service_point"
    )
    return {
        plan.client_id: f"{plan.group.organisation}, {plan.service_point.name}" for plan in plans
    }


def active_plan(client: Client) -> ServicePlan | None:
    return (
        ServicePlan.objects.filter(client=client, state=S.ACTIVE)
        .select_related("group__organisation", "service_point")
        .first()
    )


def active_plan_summary(client: Client) -> str | None:
    """ "<provider>, <service point>" where the client has an active SJS plan, or None."""
    return active_plans_lookup([client.pk]).get(client.pk)


def _blocked_message(plan: ServicePlan) -> str:
    return _(
        "This client has an active plan at %(provider)s, %(point)s; contact them or the client."
    ) % {"provider": plan.group.organisation, "point": plan.service_point.name}


def _move_plans_on_merge(*, kept: Client, merged: Client, actor) -> None:
    if (
        ServicePlan.objects.filter(client=kept, state=S.ACTIVE).exists()
        and ServicePlan.objects.filter(client=merged, state=S.ACTIVE).exists()
    ):
        raise CaseworkError(
            gettext_lazy("Both records have an active plan: one must be closed before merging.")
        )
    ServicePlan.objects.filter(client=merged).update(client=kept)


def setup() -> None:
    registry.register_merge_hook(_move_plans_on_merge)
    registry.register_active_plan_lookup(active_plans_lookup)
    register_verbs(
        {
            "plan.opened": gettext_lazy("opened the SJS plan"),
            "plan.objective_added": gettext_lazy("started an objective"),
            "plan.objective_saved": gettext_lazy("saved an objective"),
            "plan.objective_updated": gettext_lazy("changed an objective"),
            "plan.closed": gettext_lazy("closed the plan"),
            "plan.closure_requested": gettext_lazy("asked for the plan to be closed"),
            "closure_request.pending": gettext_lazy("sent the closure request"),
            "closure_request.accepted": gettext_lazy("accepted the closure request"),
            "closure_request.refused": gettext_lazy("refused the closure request"),
        }
    )
    register_states(
        {
            "active": ServicePlan.State.ACTIVE.label,
            "closed": ServicePlan.State.CLOSED.label,
        }
    )


# --- Plans (S5) ------------------------------------------------------------------------------


def _locked(plan: ServicePlan) -> ServicePlan:
    return (
        ServicePlan.objects.select_for_update()
        .select_related("group__organisation")
        .get(pk=plan.pk)
    )


@transaction.atomic
def plan_open(
    *,
    client: Client,
    group: Group,
    service_point: ServicePoint,
    goal: PlanGoal,
    sub_goal: PlanSubGoal,
    start_date: datetime.date,
    actor,
) -> ServicePlan:
    """Open an active plan. The partial unique index on the client decides between two
    providers opening at once; the loser reads where the client's plan is."""
    if service_point.group_id != group.pk or not service_point.active:
        raise CaseworkError(_("Choose one of your organisation's service points."))
    if sub_goal.goal_id != goal.pk:
        raise CaseworkError(_("This sub-goal does not belong to the goal chosen."))
    if client.merged_into_id:
        raise CaseworkError(_("This record was merged into another one: open the kept record."))
    if not client.income_source:
        raise CaseworkError(
            _("Record the client's income source (participant form) before opening a plan.")
        )
    # Registration ends with the signed form and consent (S3, Q6, Q9): no plan before. The
    # consent row stays locked until the plan is stored, so a withdrawal cannot slip between.
    consent = registry.consent_hold(client)
    if consent is None:
        raise CaseworkError(
            _(
                "Record the client's consent and signed participant form (registration, "
                "step 5) before opening a plan."
            )
        )
    existing = active_plan(client)
    if existing is not None:
        raise CaseworkError(_blocked_message(existing))
    try:
        with transaction.atomic():
            plan = ServicePlan.objects.create(
                client=client,
                consent=consent,
                group=group,
                service_point=service_point,
                goal=goal,
                sub_goal=sub_goal,
                start_date=start_date,
                created_by=actor,
            )
    except IntegrityError:
        existing = active_plan(client)
        if existing is None:  # closed in between: the next attempt will pass
            raise CaseworkError(
                _("Another plan was being opened for this client; try again.")
            ) from None
        raise CaseworkError(_blocked_message(existing)) from None
    registry.client_provider_record(client=client, group=group, actor=actor)
    audit_record(actor=actor, subject=plan, verb="plan.opened", to_state=S.ACTIVE)
    return plan


@transaction.atomic
def objective_add(*, plan: ServicePlan, type: ObjectiveType, actor) -> PlanObjective:
    """Start an objective of `type`; refused while one of that type is not saved yet (Q22)."""
    plan = _locked(plan)
    if not plan.is_active:
        raise CaseworkError(_("This plan is closed."))
    try:
        with transaction.atomic():
            objective = PlanObjective.objects.create(
                plan=plan, group_id=plan.group_id, service_point_id=plan.service_point_id, type=type
            )
    except IntegrityError:
        raise CaseworkError(
            _("Save the %(type)s objective already started before adding another one.")
            % {"type": type}
        ) from None
    audit_record(actor=actor, subject=plan, verb="plan.objective_added", note=objective_note(type))
    return objective


register_messages(
    {
        "casework.objective": gettext_lazy("Objective: %(type)s"),
        "casework.closure_requested": gettext_lazy("Closure requested by %(provider)s."),
    }
)


def objective_note(type: ObjectiveType) -> dict:
    """The history note of an objective: its type, in the reader's language."""
    return system_text("casework.objective", type=localized(fr=type.name_fr, en=type.name_en))


def employer_has_year_form(employer: Employer, year: int) -> bool:
    return EmployerYearForm.objects.filter(employer=employer, year=year).exists()


@transaction.atomic
def objective_save(*, objective: PlanObjective, actor, fields: dict) -> PlanObjective:
    """Save an objective's details. A placement names a registered employer whose SJS form
    for the placement's year is on file (S4, S5, Q21)."""
    plan = _locked(objective.plan)
    if not plan.is_active:
        raise CaseworkError(_("This plan is closed."))
    objective = PlanObjective.objects.select_related("type").get(pk=objective.pk, plan=plan)
    if objective.type.is_placement:
        employer, start = fields.get("employer"), fields.get("start_date")
        if employer is None or start is None:
            raise CaseworkError(_("A placement needs an employer and a start date."))
        if not employer_has_year_form(employer, start.year):
            raise CaseworkError(
                _("%(employer)s has no SJS employer form for %(year)s: add it first.")
                % {"employer": employer, "year": start.year}
            )
    for name, value in fields.items():
        setattr(objective, name, value)
    was = objective.state
    objective.state = PlanObjective.State.SAVED
    objective.save()
    audit_record(
        actor=actor,
        subject=plan,
        verb="plan.objective_saved"
        if was == PlanObjective.State.DRAFT
        else "plan.objective_updated",
        note=objective_note(objective.type),
    )
    return objective


@transaction.atomic
def objective_discard(*, objective: PlanObjective, actor) -> None:
    """Drop an objective not saved yet."""
    plan = _locked(objective.plan)
    PlanObjective.objects.filter(
        pk=objective.pk, plan=plan, state=PlanObjective.State.DRAFT
    ).delete()


# --- Closing (S6) ----------------------------------------------------------------------------


def _close(
    plan: ServicePlan, *, reason: str, note: str | dict, closed_on: datetime.date, actor
) -> None:
    """`note` is what the worker typed, or the system's words (system_text)."""
    note_key = note if is_system_text(note) else None
    if isinstance(note, dict):
        note = render_system_text(note, settings.LANGUAGE_CODE)
    if reason not in CloseReason.values:
        raise CaseworkError(_("Choose the reason for closing the plan."))
    if reason == CloseReason.OTHER and not note.strip():
        raise CaseworkError(_("Explain the reason in the note."))
    if closed_on < plan.start_date:
        raise CaseworkError(_("A plan cannot close before it starts."))
    PLAN.move(plan, S.CLOSED, actor=actor, note=note_key or note, data={"reason": reason})
    plan.close_reason, plan.close_note = reason, note.strip()
    plan.close_note_key = note_key
    plan.closed_on, plan.closed_by = closed_on, actor
    plan.save(
        update_fields=[
            "state",
            "close_reason",
            "close_note",
            "close_note_key",
            "closed_on",
            "closed_by",
            "updated_at",
        ]
    )


@transaction.atomic
def plan_close(
    *, plan: ServicePlan, reason: str, actor, note: str = "", closed_on: datetime.date | None = None
) -> ServicePlan:
    plan = _locked(plan)
    _close(plan, reason=reason, note=note, closed_on=closed_on or timezone.localdate(), actor=actor)
    # Pending requests are settled by the closing: their providers may open a plan now.
    for request in plan.closure_requests.select_for_update().filter(state=R.PENDING):
        _decide(request, R.ACCEPTED, actor=actor, note="")
    return plan


def _plan_workers(group: Group) -> list:
    memberships = Membership.objects.filter(
        group=group, status=Membership.Status.ACTIVE
    ).select_related("user")
    return [m.user for m in memberships if PLANS in permissions_for(m.roles, group.service)]


@transaction.atomic
def closure_request_create(
    *,
    plan: ServicePlan,
    requester_group: Group,
    actor,
    consent_upload,
    consent_signed_on: datetime.date,
    note: str = "",
) -> ClosureRequest:
    """Another provider asks the owner to close the plan, with the client's written consent
    (Q25). The owner's plan workers are e-mailed and see it in their queue."""
    plan = _locked(plan)
    if not plan.is_active:
        raise CaseworkError(_("This plan is closed: you may open yours now."))
    if plan.group_id == requester_group.pk:
        raise CaseworkError(_("This plan is your own: close it instead."))
    if consent_upload is None:
        raise CaseworkError(_("Attach the client's signed consent."))
    if ClosureRequest.objects.filter(
        plan=plan, requester_group=requester_group, state=R.PENDING
    ).exists():
        raise CaseworkError(_("Your organisation already asked for this plan to be closed."))
    stored = private_file_store(upload=consent_upload, owner=actor, kind="document")
    request = ClosureRequest.objects.create(
        plan=plan,
        requester_group=requester_group,
        requested_by=actor,
        consent_file=stored,
        consent_signed_on=consent_signed_on,
        note=note.strip(),
    )
    stored.attached_to = request
    stored.save(update_fields=["attached_type", "attached_id"])
    audit_record(actor=actor, subject=plan, verb="plan.closure_requested", note=note)
    audit_record(actor=actor, subject=request, verb="closure_request.pending", to_state=R.PENDING)
    workers = _plan_workers(plan.group)

    def tell_workers() -> None:
        for worker in workers:
            notify(worker, "casework_closure_requested", {"request": request, "plan": plan})

    transaction.on_commit(tell_workers)
    return request


def _decide(request: ClosureRequest, to: str, *, actor, note: str) -> None:
    CLOSURE.move(request, to, actor=actor, note=note)
    request.decided_by, request.decided_at, request.decision_note = actor, timezone.now(), note
    request.save(update_fields=["state", "decided_by", "decided_at", "decision_note", "updated_at"])
    requester = request.requested_by
    if requester is not None:
        transaction.on_commit(
            lambda: notify(
                requester, "casework_closure_decided", {"request": request, "plan": request.plan}
            )
        )


def _locked_request(request: ClosureRequest) -> ClosureRequest:
    return (
        ClosureRequest.objects.select_for_update(of=("self",))
        .select_related("plan", "requested_by", "requester_group__organisation")
        .get(pk=request.pk)
    )


@transaction.atomic
def closure_request_accept(*, request: ClosureRequest, actor) -> None:
    """The owner closes the plan, reason "moved to another provider"; the requester is told."""
    plan = _locked(request.plan)
    request = _locked_request(request)
    CLOSURE.check(request, R.ACCEPTED)
    _close(
        plan,
        reason=CloseReason.MOVED,
        note=system_text(
            "casework.closure_requested", provider=str(request.requester_group.organisation)
        ),
        closed_on=max(timezone.localdate(), plan.start_date),
        actor=actor,
    )
    _decide(request, R.ACCEPTED, actor=actor, note="")
    for other in plan.closure_requests.select_for_update().filter(state=R.PENDING):
        _decide(other, R.ACCEPTED, actor=actor, note="")


@transaction.atomic
def closure_request_refuse(*, request: ClosureRequest, actor, note: str) -> None:
    request = _locked_request(request)
    if not note.strip():
        raise CaseworkError(_("Say why in the note: the requesting provider reads it."))
    _decide(request, R.REFUSED, actor=actor, note=note.strip())


def may_read_closure_consent(user, request) -> bool:
    """The consent attached to a closure request: the ministry and both providers' members."""
    if registry.is_ministry(user):
        return True
    return Membership.objects.filter(
        user=user,
        status=Membership.Status.ACTIVE,
        group_id__in=[request.plan.group_id, request.requester_group_id],
    ).exists()
