"""Closing a plan and closure requests between providers (S6): the owner closes, another
provider asks with the client's consent, the owner accepts or refuses."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from casework.errors import CaseworkError
from casework.plans import queries as plan_queries
from casework.plans import services as plans
from casework.plans.forms import CloseForm, ClosureRequestForm, RefuseForm
from casework.plans.views.base import PAGE_SIZE, client_for_plan, plan_group, tab_perms
from casework.roles import PLANS


@login_required
@require_http_methods(["GET", "POST"])
def plan_close(request, group_id: int, plan_id: int):
    group = plan_group(request, group_id, PLANS)
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
        {"group": group, "perms": tab_perms(request), "plan": plan, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def closure_request_new(request, group_id: int, client_id: int):
    """Provider B asks for the closure of the client's active plan at provider A (Q25)."""
    group = plan_group(request, group_id, PLANS)
    client = client_for_plan(client_id)
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
        {"group": group, "perms": tab_perms(request), "client": client, "plan": plan, "form": form},
    )


@login_required
@require_http_methods(["GET"])
def closure_queue(request, group_id: int):
    group = plan_group(request, group_id, PLANS)
    incoming, outgoing = plan_queries.closure_queue(
        group, request.GET.get("page"), request.GET.get("sent"), PAGE_SIZE
    )
    incoming_rows, outgoing_rows = plan_queries.closure_queue_rows(
        group, incoming.object_list, outgoing.object_list
    )
    return render(
        request,
        "casework/plans/closure_queue.html",
        {
            "group": group,
            "perms": tab_perms(request),
            "incoming": incoming,
            "incoming_rows": incoming_rows,
            "outgoing_rows": outgoing_rows,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def closure_request_decide(request, group_id: int, request_id: int):
    group = plan_group(request, group_id, PLANS)
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
        {
            "group": group,
            "perms": tab_perms(request),
            "closure": closure,
            "refuse_form": refuse_form,
        },
    )
