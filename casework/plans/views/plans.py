"""A provider's SJS plans (S5): the list, opening a plan (or where the client's active plan
is), the plan page and its objectives."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from casework.errors import CaseworkError
from casework.plans import queries as plan_queries
from casework.plans import services as plans
from casework.plans.forms import ObjectiveAddForm, ObjectiveForm, PlacementForm, PlanForm
from casework.plans.models import PlanObjective, ServicePlan
from casework.plans.views.base import PAGE_SIZE, client_for_plan, plan_group, tab_perms
from casework.plans.views.employers import is_employer_search, picker_context
from casework.registry import queries as registry_queries
from casework.registry.services import client_full_access
from casework.roles import PLANS
from casework.templatetags.casework_tags import casework_tab_urls
from portal.selectors import audit_history


@login_required
@require_http_methods(["GET"])
def plan_list(request, group_id: int):
    group = plan_group(request, group_id, PLANS)
    state = request.GET.get("state", "")
    page, incoming = plan_queries.plans_for_group(group, state, request.GET.get("page"), PAGE_SIZE)
    return render(
        request,
        "casework/plans/list.html",
        {
            "group": group,
            "perms": tab_perms(request),
            "page": page,
            "rows": plan_queries.plan_list_rows(group, page.object_list),
            "state_options": plan_queries.plan_state_options(state),
            "incoming": incoming,
            # As {% blocktranslate count %} gives it: the number localized, the text as it is.
            "incoming_text": mark_safe(  # noqa: S308 (a translation and a number)
                ngettext(
                    "%(n)s closure request waits for your decision.",
                    "%(n)s closure requests wait for your decision.",
                    incoming,
                )
                % {"n": localize(incoming)}
            ),
            "closures_url": casework_tab_urls(group)["closures"],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request, group_id: int, client_id: int):
    group = plan_group(request, group_id, PLANS)
    client = client_for_plan(client_id)
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
    # Registration first (S3): what is missing is said once, with links to those steps; the
    # service refuses too (a withdrawal may land between this page and the submission).
    missing = registry_queries.registration_missing(client)
    form = PlanForm(request.POST or None, group=group)
    if request.method == "POST" and not missing and form.is_valid():
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
            "perms": tab_perms(request),
            "client": client,
            "form": form,
            "missing": missing,
            # The steps' pages are the full file's: a provider not serving the client yet
            # is sent to the client's page to serve them first.
            "serves": bool(missing) and client_full_access(request.user, client, group),
            "age": client.age,
        },
    )


@login_required
@require_http_methods(["GET"])
def plan_detail(request, group_id: int, plan_id: int):
    group = plan_group(request, group_id, PLANS)
    plan = plan_queries.plan_for_group(group, plan_id)
    return render(
        request,
        "casework/plans/detail.html",
        {
            "group": group,
            "perms": tab_perms(request),
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
    group = plan_group(request, group_id, PLANS)
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
    group = plan_group(request, group_id, PLANS)
    plan = plan_queries.plan_for_group(group, plan_id)
    objective = _objective(plan, objective_id)
    if not plan.is_active:
        messages.error(request, _("This plan is closed."))
        return redirect("casework:plan_detail", group_id=group.pk, plan_id=plan.pk)
    placement = objective.type.is_placement
    form_class = PlacementForm if placement else ObjectiveForm
    finding = placement and is_employer_search(request)
    if finding:
        form = form_class(initial=request.POST.dict(), instance=objective)
    else:
        preset = request.GET.get("employer", "")  # back from the employer's page
        initial = {"employer": preset} if placement and preset.isdigit() else {}
        form = form_class(request.POST or None, instance=objective, initial=initial)
    if request.method == "POST" and not finding and form.is_valid():
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
            "perms": tab_perms(request),
            "plan": plan,
            "objective": objective,
            "form": form,
            **(
                picker_context(form, request.POST.get("employer_q", ""), finding)
                if placement
                else {}
            ),
        },
    )


@login_required
@require_POST
def objective_discard(request, group_id: int, plan_id: int, objective_id: int):
    group = plan_group(request, group_id, PLANS)
    plan = plan_queries.plan_for_group(group, plan_id)
    objective = _objective(plan, objective_id)
    plans.objective_discard(objective=objective, actor=request.user)
    return redirect("casework:plan_detail", group_id=group.pk, plan_id=plan.pk)
