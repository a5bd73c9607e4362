"""Reads of SJS plans, each scoped to the provider group (or the ministry) and with a fixed
number of queries whatever the row count."""

import datetime
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from casework.plans.models import (
    CloseReason,
    ClosureRequest,
    ObjectiveType,
    PlanObjective,
    ServicePlan,
)
from casework.registry.models import Client, ServicePoint
from portal.models import Group


def plans_for_group(group: Group, state: str = "") -> QuerySet[ServicePlan]:
    plans = ServicePlan.objects.filter(group=group)
    if state in ServicePlan.State.values:
        plans = plans.filter(state=state)
    return plans.select_related("client", "service_point").order_by("-start_date", "-pk")


def plan_for_group(group: Group, plan_id: int) -> ServicePlan:
    """The group's own plan, or 404."""
    return get_object_or_404(
        ServicePlan.objects.select_related(
            "client", "service_point", "goal", "sub_goal", "group__organisation", "closed_by"
        ),
        pk=plan_id,
        group=group,
    )


def client_plans(client: Client) -> list[ServicePlan]:
    """Every plan of the client, at any provider, newest first (the client's plans panel)."""
    return list(
        ServicePlan.objects.filter(client=client)
        .select_related("group__organisation", "service_point")
        .order_by("-start_date", "-pk")
    )


def plan_objectives(plan: ServicePlan) -> list[PlanObjective]:
    return list(plan.objectives.select_related("type", "employer").order_by("pk"))


def incoming_requests(group: Group) -> QuerySet[ClosureRequest]:
    """Closure requests on the group's plans waiting for its decision, oldest first."""
    return (
        ClosureRequest.objects.filter(plan__group=group, state=ClosureRequest.State.PENDING)
        .select_related("plan__client", "plan__service_point", "requester_group__organisation")
        .order_by("created_at", "pk")
    )


def outgoing_requests(group: Group) -> QuerySet[ClosureRequest]:
    return (
        ClosureRequest.objects.filter(requester_group=group)
        .select_related("plan__client", "plan__group__organisation", "plan__service_point")
        .order_by("-created_at", "-pk")
    )


def incoming_request(group: Group, request_id: int) -> ClosureRequest:
    return get_object_or_404(
        ClosureRequest.objects.select_related(
            "plan__client",
            "plan__service_point",
            "requester_group__organisation",
            "requested_by",
            "consent_file",
        ),
        pk=request_id,
        plan__group=group,
    )


# --- Reports (S8) ----------------------------------------------------------------------------


@dataclass
class ReportRow:
    point: ServicePoint
    opened: int = 0
    active: int = 0
    closed: dict[str, int] = field(default_factory=dict)
    placements_started: int = 0
    placements_ended: int = 0
    clients_served: int = 0

    @property
    def closed_total(self) -> int:
        return sum(self.closed.values())


def plan_report(
    *, start: datetime.date, end: datetime.date, group: Group | None = None
) -> list[ReportRow]:
    """Per service point over [start, end]: plans opened, active at the end, closed by reason,
    placements started and ended, clients served (with a plan open at some time in the
    period). Four queries (service points, placement types, plan counts, placement counts),
    in one read-only transaction with more sort memory for the aggregates. `group` None is the
    ministry's view of every provider."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            # A yearly report aggregates 100,000+ rows: sort and hash them in memory.
            cursor.execute("SET LOCAL work_mem = '64MB'")
        return _plan_report(start=start, end=end, group=group)


def _plan_report(
    *, start: datetime.date, end: datetime.date, group: Group | None
) -> list[ReportRow]:
    points = ServicePoint.objects.select_related("group__organisation").order_by(
        "group__organisation__legal_name", "name"
    )
    # A plan counts only if opened on the client's consent (S3): older rows without one never do.
    plans = ServicePlan.objects.filter(start_date__lte=end, consent__isnull=False).exclude(
        closed_on__lt=start
    )
    # The placement types by id: the planner then estimates the objectives it keeps.
    placement_types = list(
        ObjectiveType.objects.filter(is_placement=True).values_list("pk", flat=True)
    )
    placements = PlanObjective.objects.filter(
        type_id__in=placement_types, state=PlanObjective.State.SAVED, plan__consent__isnull=False
    )
    if group is not None:
        points = points.filter(group=group)
        plans = plans.filter(group=group)
        placements = placements.filter(group=group)
    closed_counts = {
        f"closed_{reason}": Count(
            "pk", filter=Q(closed_on__gte=start, closed_on__lte=end, close_reason=reason)
        )
        for reason in CloseReason.values
    }
    plan_counts = plans.values("service_point_id").annotate(
        opened=Count("pk", filter=Q(start_date__gte=start)),
        active=Count("pk", filter=Q(closed_on__isnull=True) | Q(closed_on__gt=end)),
        clients=Count("client_id", distinct=True),
        **closed_counts,
    )
    placement_counts = (
        placements.filter(
            Q(start_date__gte=start, start_date__lte=end)
            | Q(end_date__gte=start, end_date__lte=end)
        )
        .values("service_point_id")
        .annotate(
            started=Count("pk", filter=Q(start_date__gte=start, start_date__lte=end)),
            ended=Count("pk", filter=Q(end_date__gte=start, end_date__lte=end)),
        )
    )
    rows = {point.pk: ReportRow(point=point) for point in points}
    for counts in plan_counts:
        row = rows.get(counts["service_point_id"])
        if row is None:
            continue
        row.opened, row.active, row.clients_served = (
            counts["opened"],
            counts["active"],
            counts["clients"],
        )
        row.closed = {reason: counts[f"closed_{reason}"] for reason in CloseReason.values}  # type: ignore[literal-required]
    for placement in placement_counts:
        row = rows.get(placement["service_point_id"])
        if row is not None:
            row.placements_started, row.placements_ended = placement["started"], placement["ended"]
    for row in rows.values():
        row.closed = row.closed or dict.fromkeys(CloseReason.values, 0)
    return list(rows.values())


def report_totals(rows: list[ReportRow]) -> ReportRow:
    total = ReportRow(point=None)  # type: ignore[arg-type]
    total.closed = dict.fromkeys(CloseReason.values, 0)
    for row in rows:
        total.opened += row.opened
        total.active += row.active
        total.placements_started += row.placements_started
        total.placements_ended += row.placements_ended
        total.clients_served += row.clients_served
        for reason, n in row.closed.items():
            total.closed[reason] += n
    return total
