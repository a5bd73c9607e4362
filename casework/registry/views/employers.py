"""A provider's employer pages: search, registration and the yearly SJS forms (S4)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from casework.access import provider_for_member
from casework.errors import CaseworkError
from casework.registry import queries
from casework.registry import services as registry
from casework.registry.forms import EmployerForm, EmployerSearchForm, EmployerYearFormForm
from casework.registry.models import Employer
from casework.registry.views.base import posted, render_for_provider, uploaded
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
                return redirect("casework:employer", group_id=group_id, pk=employer.pk)
    return render_for_provider(
        request, access, "casework/registry/employer_new.html", form=form, close=close
    )


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
    )


@login_required
@require_http_methods(["GET", "POST"])
def employer_form_new(request, group_id: int, pk: int):
    access = provider_for_member(request.user, group_id, EMPLOYERS)
    employer = get_object_or_404(Employer, pk=pk)
    if employer.year_forms.filter(year=timezone.localdate().year).exists():
        messages.info(request, _("This employer already has its form for this year."))
        return redirect("casework:employer", group_id=group_id, pk=pk)
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
            return redirect("casework:employer", group_id=group_id, pk=pk)
    return render_for_provider(
        request, access, "casework/registry/employer_form_new.html", form=form, employer=employer
    )
