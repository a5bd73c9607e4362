"""SJS plans demo (idempotent; casework/demo.py calls it after the registry's demo): active
plans with placements (one with an objective not saved yet), closed plans with every reason,
one closure request waiting at the first provider, one refused and one accepted (the
requesting provider then opened its plan)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from casework.plans import services
from casework.plans.models import CloseReason, ObjectiveType, PlanGoal, PlanSubGoal, ServicePlan
from casework.registry import services as registry
from casework.registry.models import Client, Consent, EmployerYearForm, Provider, ServicePoint
from portal.models import Membership

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _worker(provider: Provider):
    membership = (
        Membership.objects.filter(
            group=provider.group, status="active", roles__contains=["casework.case_worker"]
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


@transaction.atomic
def seed() -> None:
    if ServicePlan.objects.exists():
        return
    providers = list(Provider.objects.select_related("group__organisation").order_by("pk"))
    if len(providers) < 2:
        return
    today = timezone.localdate()
    year_start = today.replace(month=5, day=1) if today.month >= 5 else today.replace(day=1)
    goal = PlanGoal.objects.get(code="employment")
    sub_goals = list(PlanSubGoal.objects.filter(goal=goal).order_by("order"))
    placement = ObjectiveType.objects.get(code="placement")
    job_search = ObjectiveType.objects.get(code="job_search")
    employers = [
        form.employer
        for form in EmployerYearForm.objects.filter(year=today.year)
        .select_related("employer")
        .order_by("employer_id")
    ]
    reasons = [r for r in CloseReason.values if r != CloseReason.MOVED]
    for index, provider in enumerate(providers):
        worker = _worker(provider)
        points = list(ServicePoint.objects.filter(group=provider.group, active=True).order_by("pk"))
        if worker is None or not points or not employers:
            continue
        clients = list(
            Client.objects.filter(
                providers__group=provider.group,
                merged_into__isnull=True,
                plans__isnull=True,
            )
            .exclude(income_source="")
            .order_by("pk")[:30]
        )
        for n, client in enumerate(clients):
            start = year_start + datetime.timedelta(days=n % 20)
            _complete_registration(client, provider, worker, min(start, today))
            plan = services.plan_open(
                client=client,
                group=provider.group,
                service_point=points[n % len(points)],
                goal=goal,
                sub_goal=sub_goals[n % len(sub_goals)],
                start_date=min(start, today),
                actor=worker,
            )
            for k in range(1 if n % 3 else 2):  # every third plan has two part-time placements
                objective = services.objective_add(plan=plan, type=placement, actor=worker)
                services.objective_save(
                    objective=objective,
                    actor=worker,
                    fields={
                        "employer": employers[(n + k + index) % len(employers)],
                        "position": ["Camp counsellor", "Cashier", "Gardener"][(n + k) % 3],
                        "start_date": plan.start_date,
                        "end_date": plan.start_date + datetime.timedelta(days=56),
                        "hours_per_week": 20 if k else 35,
                        "description": "",
                    },
                )
            if n == 1:  # an objective started but not saved yet
                services.objective_add(plan=plan, type=job_search, actor=worker)
            if n >= 20:  # the last ten are closed, with every reason
                reason = reasons[n % len(reasons)]
                services.plan_close(
                    plan=plan,
                    reason=reason,
                    note="Family moved away" if reason == CloseReason.OTHER else "",
                    closed_on=today,
                    actor=worker,
                )
    _closure_requests(providers, today)


def _complete_registration(client: Client, provider: Provider, worker, day) -> None:
    """No plan without the consent (S3): the worker records it first if still missing."""
    if Consent.objects.filter(client=client, withdrawn_at=None).exists():
        return
    registry.consent_record(
        client=client,
        group=provider.group,
        actor=worker,
        notice=registry.notice_current(),
        signed_on=day,
        upload=SimpleUploadedFile("participant-form.pdf", PDF, content_type="application/pdf"),
    )


def _closure_requests(providers, today) -> None:
    owner, requester = providers[0], providers[1]
    requester_worker = _worker(requester)
    active = list(
        ServicePlan.objects.filter(group=owner.group, state=ServicePlan.State.ACTIVE).order_by(
            "pk"
        )[:3]
    )
    if requester_worker is None or len(active) < 3:
        return
    waiting, refused, moved = active
    services.closure_request_create(
        plan=waiting,
        requester_group=requester.group,
        actor=requester_worker,
        consent_upload=SimpleUploadedFile("consent.pdf", PDF, content_type="application/pdf"),
        consent_signed_on=today,
        note="The client accepted a placement near her new home in Timmins.",
    )
    request = services.closure_request_create(
        plan=refused,
        requester_group=requester.group,
        actor=requester_worker,
        consent_upload=SimpleUploadedFile("consent.pdf", PDF, content_type="application/pdf"),
        consent_signed_on=today,
    )
    services.closure_request_refuse(
        request=request,
        actor=_worker(owner),
        note="The client confirmed by phone that she keeps her placement with us.",
    )
    # Accepted: the plan closes ("moved to another provider") and the requester opens its own.
    request = services.closure_request_create(
        plan=moved,
        requester_group=requester.group,
        actor=requester_worker,
        consent_upload=SimpleUploadedFile("consent.pdf", PDF, content_type="application/pdf"),
        consent_signed_on=today,
    )
    services.closure_request_accept(request=request, actor=_worker(owner))
    services.plan_open(
        client=moved.client,
        group=requester.group,
        service_point=ServicePoint.objects.filter(group=requester.group).order_by("pk")[0],
        goal=moved.goal,
        sub_goal=moved.sub_goal,
        start_date=today,
        actor=requester_worker,
    )
