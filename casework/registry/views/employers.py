"""A provider's employer pages: search, registration and the yearly SJS forms (S4)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from casework.access import provider_for_member
from casework.errors import CaseworkError
from casework.registry import queries
from casework.registry import services as registry
from casework.registry.forms import EmployerForm, EmployerSearchForm, EmployerYearFormForm
from casework.registry.models import Employer
from casework.registry.views.base import placement_next, posted, render_for_provider, uploaded
from casework.roles import EMPLOYERS
from portal.selectors import audit_history


@login_required
@require_GET
def employers(request, group_id: int):
    access = provider_for_member(request.user, group_id, EMPLOYERS)
    form = EmployerSearchForm(request.GET or None)
    results: list[Employer] = []
    if form.is_bound and form.is_valid():
        results = queries.employer_search(
            query=form.cleaned_data["q"], city=form.cleaned_data["city"]
        )
    return render_for_provider(
        request,
        access,
        "casework/registry/employers.html",
        form=form,
        results=results,
        searched=form.is_bound and form.is_valid(),
        next_url=placement_next(request, group_id),
    )


@login_required
@require_http_methods(["GET", "POST"])
def employer_new(request, group_id: int):
    """Register an employer once searched for; close names must be confirmed (S4, Q11)."""
    access = provider_for_member(request.user, group_id, EMPLOYERS)
    form = EmployerForm(posted(request), initial={"legal_name": request.GET.get("q", "")})
    close: list[Employer] = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        confirmed = data.pop("confirm_new")
        close = queries.employer_close_names(data["legal_name"], data["operating_name"])
        if close and not confirmed:
            form.add_error(
                "confirm_new",
                _("Employers with a close name are registered: check them, then confirm."),
            )
        else:
            try:
                employer = registry.employer_register(
                    actor=request.user, group=access.group, fields=data
                )
            except CaseworkError as error:
                form.add_error("business_number", error.message)
            else:
                messages.success(request, _("The employer is registered."))
                return _to_employer(group_id, employer.pk, placement_next(request, group_id))
    return render_for_provider(
        request,
        access,
        "casework/registry/employer_new.html",
        form=form,
        close=close,
        next_url=placement_next(request, group_id),
    )


def _to_employer(group_id: int, pk: int, next_url: str):
    """The employer's page, still on the way back to the placement if there is one."""
    url = reverse("casework:employer", kwargs={"group_id": group_id, "pk": pk})
    return redirect(f"{url}?{urlencode({'next': next_url})}" if next_url else url)


@login_required
@require_GET
def employer_detail(request, group_id: int, pk: int):
    access = provider_for_member(request.user, group_id, EMPLOYERS)
    employer = get_object_or_404(Employer, pk=pk)
    forms = list(employer.year_forms.select_related("signed_file", "recorded_by"))
    return render_for_provider(
        request,
        access,
        "casework/registry/employer_detail.html",
        employer=employer,
        forms=forms,
        this_year=timezone.localdate().year,
        has_this_year=any(form.year == timezone.localdate().year for form in forms),
        history=audit_history(employer),
        next_url=placement_next(request, group_id),
    )


@login_required
@require_http_methods(["GET", "POST"])
def employer_form_new(request, group_id: int, pk: int):
    access = provider_for_member(request.user, group_id, EMPLOYERS)
    employer = get_object_or_404(Employer, pk=pk)
    next_url = placement_next(request, group_id)
    if employer.year_forms.filter(year=timezone.localdate().year).exists():
        messages.info(request, _("This employer already has its form for this year."))
        return _to_employer(group_id, pk, next_url)
    form = EmployerYearFormForm(posted(request), uploaded(request), employer=employer)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "signed_file"}
        try:
            registry.employer_year_form_add(
                employer=employer,
                group=access.group,
                actor=request.user,
                fields=fields,
                upload=form.cleaned_data["signed_file"],
            )
        except CaseworkError as error:
            form.add_error("year", error.message)
        else:
            messages.success(request, _("The employer's form is recorded."))
            return _to_employer(group_id, pk, next_url)
    return render_for_provider(
        request,
        access,
        "casework/registry/employer_form_new.html",
        form=form,
        employer=employer,
        next_url=next_url,
    )
