"""Pages of SJS plans (S5), closing and closure requests (S6) and reports (S8). Thin: the
group comes from the URL and is checked against the user's memberships; objects are fetched
with the group in the query; services make every change."""

import csv
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from casework import plan_queries, plans
from casework.errors import CaseworkError
from casework.forms_plans import (
    CloseForm,
    ClosureRequestForm,
    ObjectiveAddForm,
    ObjectiveForm,
    PlacementForm,
    PlanForm,
    RefuseForm,
    ReportForm,
)
from casework.models import Client, CloseReason, PlanObjective, ServicePlan
from casework.registry import is_ministry
from casework.roles import PLANS, REPORTS
from portal.access import group_for_member, group_permissions
from portal.models import Group

PAGE_SIZE = 25


def _group(request, group_id: int, permission: str) -> Group:
    group, _membership = group_for_member(request.user, group_id)
    if group.service != "casework":
        raise Http404
    perms = group_permissions(request.user, group)
    if permission not in perms:
        raise PermissionDenied
    request.casework_perms = perms  # for the app's tabs
    return group


def _perms(request) -> set[str]:
    return getattr(request, "casework_perms", set())


def _client(client_id: int) -> Client:
    # The registry is shared by every provider; a merged record is not used any more.
    return get_object_or_404(Client, pk=client_id, merged_into__isnull=True)


# --- Plans (S5) ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def plan_list(request, group_id: int):
    group = _group(request, group_id, PLANS)
    state = request.GET.get("state", "")
    page = Paginator(plan_queries.plans_for_group(group, state), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "casework/plans/list.html",
        {
            "group": group,
            "perms": _perms(request),
            "page": page,
            "state": state,
            "states": ServicePlan.State.choices,
            "incoming": plan_queries.incoming_requests(group).count(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request, group_id: int, client_id: int):
    group = _group(request, group_id, PLANS)
    client = _client(client_id)
    existing = plans.active_plan(client)
    if existing is not None:
        # Shown before any typing (S5, Q19): where the client's plan is, whom to contact.
        return render(
            request,
            "casework/plans/blocked.html",
            {
                "group": group,
                "client": client,
                "plan": existing,
                "own": existing.group_id == group.pk,
            },
        )
    form = PlanForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            plan = plans.plan_open(
                client=client, group=group, actor=request.user, **form.cleaned_data
            )
        except CaseworkError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The plan is open. Add its objectives."))
            return redirect("casework:plan_detail", group_id=group.pk, plan_id=plan.pk)
    return render(
        request,
        "casework/plans/new.html",
        {
            "group": group,
            "perms": _perms(request),
            "client": client,
            "form": form,
            "age": client.age,
        },
    )


@login_required
@require_http_methods(["GET"])
def plan_detail(request, group_id: int, plan_id: int):
    group = _group(request, group_id, PLANS)
    plan = plan_queries.plan_for_group(group, plan_id)
    from portal.selectors import audit_history

    return render(
        request,
        "casework/plans/detail.html",
        {
            "group": group,
            "perms": _perms(request),
            "plan": plan,
            "objectives": plan_queries.plan_objectives(plan),
            "add_form": ObjectiveAddForm(),
            "age_at_start": plan.client.age_on(plan.start_date),
            "history": audit_history(plan),
            "pending": plan.closure_requests.filter(state="pending").count(),
        },
    )


@login_required
@require_POST
def objective_add(request, group_id: int, plan_id: int):
    group = _group(request, group_id, PLANS)
    plan = plan_queries.plan_for_group(group, plan_id)
    form = ObjectiveAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the type of objective."))
        return redirect("casework:plan_detail", group_id=group.pk, plan_id=plan.pk)
    try:
        objective = plans.objective_add(
            plan=plan, type=form.cleaned_data["type"], actor=request.user
        )
    except CaseworkError as error:
        messages.error(request, error.message)
        return redirect("casework:plan_detail", group_id=group.pk, plan_id=plan.pk)
    return redirect(
        "casework:objective_edit", group_id=group.pk, plan_id=plan.pk, objective_id=objective.pk
    )


def _objective(plan: ServicePlan, objective_id: int) -> PlanObjective:
    return get_object_or_404(
        PlanObjective.objects.select_related("type", "employer"), pk=objective_id, plan=plan
    )


@login_required
@require_http_methods(["GET", "POST"])
def objective_edit(request, group_id: int, plan_id: int, objective_id: int):
    group = _group(request, group_id, PLANS)
    plan = plan_queries.plan_for_group(group, plan_id)
    objective = _objective(plan, objective_id)
    if not plan.is_active:
        messages.error(request, _("This plan is closed."))
        return redirect("casework:plan_detail", group_id=group.pk, plan_id=plan.pk)
    form_class = PlacementForm if objective.type.is_placement else ObjectiveForm
    form = form_class(request.POST or None, instance=objective)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                plans.objective_save(
                    objective=objective, actor=request.user, fields=form.objective_fields()
                )
        except CaseworkError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The objective is saved."))
            return redirect("casework:plan_detail", group_id=group.pk, plan_id=plan.pk)
    return render(
        request,
        "casework/plans/objective.html",
        {
            "group": group,
            "perms": _perms(request),
            "plan": plan,
            "objective": objective,
            "form": form,
        },
    )


@login_required
@require_POST
def objective_discard(request, group_id: int, plan_id: int, objective_id: int):
    group = _group(request, group_id, PLANS)
    plan = plan_queries.plan_for_group(group, plan_id)
    objective = _objective(plan, objective_id)
    plans.objective_discard(objective=objective, actor=request.user)
    return redirect("casework:plan_detail", group_id=group.pk, plan_id=plan.pk)


# --- Closing (S6) ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan_close(request, group_id: int, plan_id: int):
    group = _group(request, group_id, PLANS)
    plan = plan_queries.plan_for_group(group, plan_id)
    if not plan.is_active:
        messages.error(request, _("This plan is already closed."))
        return redirect("casework:plan_detail", group_id=group.pk, plan_id=plan.pk)
    form = CloseForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            plans.plan_close(plan=plan, actor=request.user, **form.cleaned_data)
        except CaseworkError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The plan is closed."))
            return redirect("casework:plan_detail", group_id=group.pk, plan_id=plan.pk)
    return render(
        request,
        "casework/plans/close.html",
        {"group": group, "perms": _perms(request), "plan": plan, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def closure_request_new(request, group_id: int, client_id: int):
    """Provider B asks for the closure of the client's active plan at provider A (Q25)."""
    group = _group(request, group_id, PLANS)
    client = _client(client_id)
    plan = plans.active_plan(client)
    if plan is None:
        messages.info(request, _("This client has no active plan: you may open yours."))
        return redirect("casework:plan_new", group_id=group.pk, client_id=client.pk)
    if plan.group_id == group.pk:
        return redirect("casework:plan_detail", group_id=group.pk, plan_id=plan.pk)
    form = ClosureRequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            plans.closure_request_create(
                plan=plan,
                requester_group=group,
                actor=request.user,
                consent_upload=form.cleaned_data["consent"],
                consent_signed_on=form.cleaned_data["consent_signed_on"],
                note=form.cleaned_data["note"],
            )
        except CaseworkError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("The request is sent. You will get an e-mail when it is decided.")
            )
            return redirect("casework:closure_queue", group_id=group.pk)
    return render(
        request,
        "casework/plans/closure_request.html",
        {"group": group, "perms": _perms(request), "client": client, "plan": plan, "form": form},
    )


@login_required
@require_http_methods(["GET"])
def closure_queue(request, group_id: int):
    group = _group(request, group_id, PLANS)
    incoming = Paginator(plan_queries.incoming_requests(group), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    outgoing = Paginator(plan_queries.outgoing_requests(group), PAGE_SIZE).get_page(
        request.GET.get("sent")
    )
    return render(
        request,
        "casework/plans/closure_queue.html",
        {"group": group, "perms": _perms(request), "incoming": incoming, "outgoing": outgoing},
    )


@login_required
@require_http_methods(["GET", "POST"])
def closure_request_decide(request, group_id: int, request_id: int):
    group = _group(request, group_id, PLANS)
    closure = plan_queries.incoming_request(group, request_id)
    refuse_form = RefuseForm(request.POST if request.POST.get("decision") == "refuse" else None)
    if request.method == "POST" and closure.state == closure.State.PENDING:
        try:
            if request.POST.get("decision") == "accept":
                plans.closure_request_accept(request=closure, actor=request.user)
                messages.success(request, _("The plan is closed; the requesting provider is told."))
                return redirect("casework:closure_queue", group_id=group.pk)
            if refuse_form.is_valid():
                plans.closure_request_refuse(
                    request=closure, actor=request.user, note=refuse_form.cleaned_data["note"]
                )
                messages.success(
                    request, _("The request is refused; the requesting provider is told.")
                )
                return redirect("casework:closure_queue", group_id=group.pk)
        except CaseworkError as error:
            messages.error(request, error.message)
    return render(
        request,
        "casework/plans/closure_decide.html",
        {"group": group, "perms": _perms(request), "closure": closure, "refuse_form": refuse_form},
    )


# --- Reports (S8) ----------------------------------------------------------------------------


def _period(request) -> tuple[ReportForm, datetime.date, datetime.date]:
    today = timezone.localdate()
    form = ReportForm(request.GET or {"start": today.replace(month=1, day=1), "end": today})
    if form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, today.replace(month=1, day=1), today


def _report_page(request, *, group: Group | None, csv_url: str):
    form, start, end = _period(request)
    rows = plan_queries.plan_report(start=start, end=end, group=group)
    return render(
        request,
        "casework/plans/report.html",
        {
            "group": group,
            "perms": _perms(request),
            "form": form,
            "rows": rows,
            "total": plan_queries.report_totals(rows),
            "reasons": CloseReason.choices,
            "csv_url": csv_url,
            "start": start,
            "end": end,
        },
    )


class _Echo:
    def write(self, value):
        return value


def _report_csv(request, *, group: Group | None):
    form, start, end = _period(request)
    rows = plan_queries.plan_report(start=start, end=end, group=group)
    header = [
        _("Provider"),
        _("EO service point id"),
        _("Service point"),
        _("Plans opened"),
        _("Active at the end"),
        *[_("Closed: %(reason)s") % {"reason": label} for _value, label in CloseReason.choices],
        _("Placements started"),
        _("Placements ended"),
        _("Clients served"),
    ]

    def lines():
        yield header
        for row in rows:
            yield [
                str(row.point.group.organisation),
                row.point.eo_id,
                row.point.name,
                row.opened,
                row.active,
                *[row.closed[value] for value in CloseReason.values],
                row.placements_started,
                row.placements_ended,
                row.clients_served,
            ]

    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(line) for line in lines()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="sjs-report-{start}-{end}.csv"'
    return response


@login_required
@require_http_methods(["GET"])
def report(request, group_id: int):
    group = _group(request, group_id, REPORTS)
    from django.urls import reverse

    return _report_page(
        request, group=group, csv_url=reverse("casework:report_csv", args=[group.pk])
    )


@login_required
@require_http_methods(["GET"])
def report_csv(request, group_id: int):
    return _report_csv(request, group=_group(request, group_id, REPORTS))


def _ministry(request) -> None:
    if not is_ministry(request.user):
        raise Http404


@login_required
@require_http_methods(["GET"])
def ministry_report(request):
    _ministry(request)
    from django.urls import reverse

    return _report_page(request, group=None, csv_url=reverse("casework:ministry_report_csv"))


@login_required
@require_http_methods(["GET"])
def ministry_report_csv(request):
    _ministry(request)
    return _report_csv(request, group=None)
