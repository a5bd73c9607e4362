"""Reads of SJS plans, each scoped to the provider group (or the ministry) and with a fixed
number of queries whatever the row count."""

import datetime
import functools
import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe

from casework.display import labels, short_date, url_prefix
from casework.plans.models import (
    CloseReason,
    ClosureRequest,
    ObjectiveType,
    PlanObjective,
    ServicePlan,
)
from casework.registry.models import Client, ServicePoint
from portal.lib.compiled import CompiledQuery, Statement, combined, compiled, counts
from portal.lib.paging import counted_page
from portal.models import Group


def _plans_of_group(group_id: int, state: str | None = None) -> QuerySet[ServicePlan]:
    plans = ServicePlan.objects.filter(group_id=group_id)
    if state is not None:
        plans = plans.filter(state=state)
    return plans.order_by("-start_date", "-pk")


_LIST_COLUMNS = (
    "pk",
    "client__first_name",
    "client__middle_name",
    "client__last_name",
    "service_point__name",
    "start_date",
    "state",
    "closed_on",
    "close_reason",
)


def _plan_list_queries(by_state: bool) -> tuple[CompiledQuery, CompiledQuery]:
    """The counts (plans, closure requests waiting) and the rows of a group's plan list, run
    with the group's id, and the state if `by_state`."""
    arity = 2 if by_state else 1
    return (
        compiled(
            ("casework.plan_counts", arity),
            lambda group_id, *state: counts(
                _plans_of_group(group_id, *state), incoming_requests(group_id)
            ),
            arity,
        ),
        compiled(
            ("casework.plan_rows", arity),
            lambda *values: _plans_of_group(*values).values_list(*_LIST_COLUMNS),
            arity,
        ),
    )


def plans_for_group(group: Group, state: str, page, per_page: int) -> tuple[Page, int]:
    """Page `page` of the group's plans (in one state if `state` is one), newest first, as
    tuples of `_LIST_COLUMNS`, and how many closure requests wait for the group's decision:
    one statement for both counts, one for the page's rows."""
    by_state = state in ServicePlan.State.values
    count_query, rows = _plan_list_queries(by_state)
    values = (group.pk, state) if by_state else (group.pk,)
    total, incoming = count_query.rows(*values)[0]
    return counted_page(rows, values, page, total, per_page), incoming


def plan_list_rows(group: Group, plans: Iterable[tuple]) -> SafeString:
    """The list page's table rows (`<tr>`s) of plans given as tuples of `_LIST_COLUMNS`,
    built in Python (issue 19): the client's full name, the local date, the labels; every
    value escaped (the standard library's escape, which Django's wraps)."""
    link = html.escape(url_prefix("casework:plan_detail", group.pk))
    start_date = short_date()
    states, reasons = labels(ServicePlan.State.choices), labels(CloseReason.choices)
    lines = []
    for pk, first, middle, last, point, start, state, closed_on, reason in plans:
        client = " ".join(part for part in (first, middle, last) if part)  # Client.full_name
        badge = "success" if state == ServicePlan.State.ACTIVE else "secondary"
        closed = (
            f' <span class="small">{html.escape(reasons.get(reason, reason))}</span>'
            if closed_on is not None
            else ""
        )
        lines.append(
            "            <tr>\n"
            f'              <td><a href="{link}{pk}/">{html.escape(client)}</a></td>\n'
            f"              <td>{html.escape(point)}</td>\n"
            f"              <td>{html.escape(start_date(start))}</td>\n"
            f'              <td><span class="badge text-bg-{badge}">'
            f"{html.escape(states.get(state, state))}</span>{closed}</td>\n"
            "            </tr>\n"
        )
    return mark_safe("".join(lines))  # noqa: S308 (every value escaped)


def plan_state_options(chosen: str) -> SafeString:
    """The state filter's options after "All", the chosen one selected."""
    return mark_safe(  # noqa: S308 (labels escaped)
        "".join(
            f'<option value="{value}"{" selected" if value == chosen else ""}>'
            f"{html.escape(str(label))}</option>"
            for value, label in ServicePlan.State.choices
        )
    )


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


def incoming_requests(group: Group | int) -> QuerySet[ClosureRequest]:
    """Closure requests on the group's plans waiting for its decision, oldest first."""
    return (
        ClosureRequest.objects.filter(plan__group=group, state=ClosureRequest.State.PENDING)
        .select_related("plan__client", "plan__service_point", "requester_group__organisation")
        .order_by("created_at", "pk")
    )


def outgoing_requests(group: Group | int) -> QuerySet[ClosureRequest]:
    return (
        ClosureRequest.objects.filter(requester_group=group)
        .select_related("plan__client", "plan__group__organisation", "plan__service_point")
        .order_by("-created_at", "-pk")
    )


_INCOMING_COLUMNS = (
    "pk",
    "plan__client__first_name",
    "plan__client__middle_name",
    "plan__client__last_name",
    "requester_group__organisation__operating_name",
    "requester_group__organisation__legal_name",
    "created_at",
)
_OUTGOING_COLUMNS = (
    "plan__client_id",
    "plan__client__first_name",
    "plan__client__middle_name",
    "plan__client__last_name",
    "plan__group__organisation__operating_name",
    "plan__group__organisation__legal_name",
    "state",
    "decision_note",
)


_closure_counts = CompiledQuery(
    lambda group_id: counts(incoming_requests(group_id), outgoing_requests(group_id)), 1
)
_incoming_rows = CompiledQuery(
    lambda group_id: incoming_requests(group_id).values_list(*_INCOMING_COLUMNS), 1
)
_outgoing_rows = CompiledQuery(
    lambda group_id: outgoing_requests(group_id).values_list(*_OUTGOING_COLUMNS), 1
)


def closure_queue(group: Group, incoming_page, outgoing_page, per_page: int) -> tuple[Page, Page]:
    """The pages asked for of the group's incoming and outgoing closure requests, as tuples of
    `_INCOMING_COLUMNS` and `_OUTGOING_COLUMNS`: one statement for both counts, one for each
    page that has rows."""
    values = (group.pk,)
    waiting, sent = _closure_counts.rows(*values)[0]
    return (
        counted_page(_incoming_rows, values, incoming_page, waiting, per_page),
        counted_page(_outgoing_rows, values, outgoing_page, sent, per_page),
    )


def closure_queue_rows(
    group: Group, incoming: Iterable[tuple], outgoing: Iterable[tuple]
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """The queue page's lines as the text the template prints (the client's full name,
    str(Organisation), the local date and time, the state's label)."""
    decide = url_prefix("casework:closure_request_decide", group.pk)
    any_client = 987_654_321
    plan_new = reverse("casework:plan_new", args=[group.pk, any_client])
    received = get_format("SHORT_DATETIME_FORMAT")
    states = labels(ClosureRequest.State.choices)
    badges = {ClosureRequest.State.PENDING: "warning", ClosureRequest.State.ACCEPTED: "success"}
    waiting = [
        {
            "url": f"{decide}{pk}/",
            "client": " ".join(part for part in (first, middle, last) if part),
            "organisation": operating or legal,
            "received": dateformat.format(timezone.localtime(created_at), received),
        }
        for pk, first, middle, last, operating, legal, created_at in incoming
    ]
    sent = [
        {
            "client": " ".join(part for part in (first, middle, last) if part),
            "organisation": operating or legal,
            "badge": badges.get(state, "danger"),
            "state": states.get(state, state),
            "note": note,
            "plan_new": plan_new.replace(str(any_client), str(client_id))
            if state == ClosureRequest.State.ACCEPTED
            else "",
        }
        for client_id, first, middle, last, operating, legal, state, note in outgoing
    ]
    return waiting, sent


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


@dataclass(frozen=True)
class ReportPoint:
    """A service point as the report shows it."""

    pk: int
    eo_id: str
    name: str
    organisation: str  # the provider's name as str(Organisation) gives it


@dataclass
class ReportRow:
    point: ReportPoint
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
    period). Two statements: the placement types, then service points joined to their plan
    and placement counts, run with more sort memory for the aggregates (`_WORK_MEM`).
    `group` None is the ministry's view of every provider."""
    return _plan_report(start=start, end=end, group=group)


# A yearly report aggregates 100,000+ rows: sort and hash them in memory. Sent in the same
# query string as the report, PostgreSQL runs both in one transaction (an implicit one outside
# `atomic`) which the setting ends with: no BEGIN, SET and COMMIT round trips of their own.
# (psycopg's client-side binding, the project's, takes several statements in one execute.)
_WORK_MEM = "SET LOCAL work_mem = '64MB'; "


class _ReportQuery(CompiledQuery):
    """A compiled statement after `_WORK_MEM`: its rows are the query string's second
    result."""

    def rows(self, *values: Any, limit: int | None = None, offset: int = 0) -> list[tuple]:
        with connection.cursor() as cursor:
            self._run(cursor, values, limit, offset)
            cursor.nextset()
            return cursor.fetchall()


_POINT_COLUMNS = ("pk", "eo_id", "name", "group__organisation__operating_name")
_PLAN_COUNTS = ("opened", "active", "clients", *(f"closed_{r}" for r in CloseReason.values))


@functools.lru_cache(maxsize=16)
def _report_query(by_group: bool, placement_types: tuple[int, ...]) -> CompiledQuery:
    """The report's rows in one statement, built by the ORM once per process for each scope
    and set of placement types (a reference list), run with the group's id (`by_group`) and
    the period's first and last days."""
    if by_group:
        return _ReportQuery(
            lambda group_id, start, end: _report_statement(placement_types, start, end, group_id),
            3,
            dates=2,
        )
    return _ReportQuery(
        lambda start, end: _report_statement(placement_types, start, end), 2, dates=2
    )


def _report_statement(
    placement_types: tuple[int, ...],
    start: datetime.date,
    end: datetime.date,
    group_id: int | None = None,
) -> Statement:
    """Service points, their plan counts and their placement counts, each a subquery of the
    ORM's, joined on the service point."""
    points = ServicePoint.objects.order_by()
    # A plan counts only if opened on the client's consent (S3): older rows without one never do.
    plans = ServicePlan.objects.filter(start_date__lte=end, consent__isnull=False).exclude(
        closed_on__lt=start
    )
    # The placement types by id: the planner then estimates the objectives it keeps.
    placements = PlanObjective.objects.filter(
        type_id__in=placement_types, state=PlanObjective.State.SAVED, plan__consent__isnull=False
    )
    if group_id is not None:
        points = points.filter(group_id=group_id)
        plans = plans.filter(group_id=group_id)
        placements = placements.filter(group_id=group_id)
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
    parts = [points.values_list(*_POINT_COLUMNS, "group__organisation__legal_name"), plan_counts]
    columns = ["p.*", *(f'a."{name}"' for name in _PLAN_COUNTS)]
    joins = ["LEFT JOIN ({}) a ON a.service_point_id = p.pk"]
    if placement_types:  # none: nothing to count (and IN () is no SQL)
        parts.append(placement_counts)
        columns += ["o.started", "o.ended"]
        joins.append("LEFT JOIN ({}) o ON o.service_point_id = p.pk")
    else:
        columns += ["0", "0"]
    template = (
        f"{_WORK_MEM}SELECT {', '.join(columns)} FROM ({{}}) p {' '.join(joins)}"  # noqa: S608 (fixed fragments)
        ' ORDER BY p."group__organisation__legal_name", p."name"'
    )
    return combined(template, *parts)


_placement_types = CompiledQuery(
    lambda: ObjectiveType.objects.filter(is_placement=True).values_list("pk")
)


def _plan_report(
    *, start: datetime.date, end: datetime.date, group: Group | None
) -> list[ReportRow]:
    placement_types = tuple(pk for (pk,) in _placement_types.rows())
    query = _report_query(group is not None, placement_types)
    values = (start, end) if group is None else (group.pk, start, end)
    reasons = CloseReason.values
    rows = []
    for pk, eo_id, name, operating, legal, *numbers in query.rows(*values):
        opened, active, clients, *closed = (n or 0 for n in numbers[: 3 + len(reasons)])
        started, ended = (n or 0 for n in numbers[3 + len(reasons) :])
        rows.append(
            ReportRow(
                point=ReportPoint(pk, eo_id, name, operating or legal),
                opened=opened,
                active=active,
                clients_served=clients,
                closed=dict(zip(reasons, closed, strict=True)),
                placements_started=started,
                placements_ended=ended,
            )
        )
    return rows


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
