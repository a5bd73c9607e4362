"""Casework pages of the registries: a provider's client and employer pages (S2–S4), and the
ministry's desk (providers, service points, duplicates, access log). Thin: access helper,
form, registry service or query, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework import queries, registry
from casework.access import (
    ProviderAccess,
    client_for_full_view,
    client_in_registry,
    provider_for_member,
    require_ministry,
)
from casework.errors import CaseworkError, NearDuplicates
from casework.forms import (
    ClientDetailsForm,
    ClientSearchForm,
    ConsentForm,
    DifferentPersonForm,
    DuplicateDecisionForm,
    EducationForm,
    EmployerForm,
    EmployerSearchForm,
    EmployerYearFormForm,
    EmploymentForm,
    IncomeSourceForm,
    ManagerForm,
    ProviderForm,
    SeatsForm,
    ServeClientForm,
    ServicePointForm,
    WithdrawConsentForm,
)
from casework.models import (
    Client,
    Consent,
    DuplicateSuspicion,
    EducationEntry,
    Employer,
    EmploymentEntry,
    Provider,
)
from casework.roles import CLIENTS, EMPLOYERS
from portal.selectors import audit_history

PAGE_SIZE = 25


def _posted(request):
    """The POST data of a POST, even empty (an empty form must be bound to show errors)."""
    return request.POST if request.method == "POST" else None


def _files(request):
    return request.FILES if request.method == "POST" else None


@login_required
@require_GET
def home(request):
    """The ministry's desk, a provider's desk, or the choice between the user's providers."""
    if registry.is_ministry(request.user):
        return redirect("casework:ministry")
    groups = queries.user_casework_groups(request.user)
    if not groups:
        raise Http404
    if len(groups) == 1:
        return redirect("casework:clients", group_id=groups[0].pk)
    return render(request, "casework/home.html", {"groups": groups})


def _render(request, access: ProviderAccess, template: str, **context):
    return render(
        request,
        template,
        {"group": access.group, "access": access, "perms": access.perms, **context},
    )


# --- Clients: search, register, the file ----------------------------------------------------


@login_required
@require_GET
def clients(request, group_id: int):
    access = provider_for_member(request.user, group_id, CLIENTS)
    form = ClientSearchForm(request.GET or None)
    results: list[Client] = []
    if form.is_bound and form.is_valid():
        results = queries.client_search(group=access.group, **form.cleaned_data)
    plans = registry.active_plans_for(c.pk for c in results)
    for client in results:
        client.active_plan = plans.get(client.pk)
    return _render(
        request,
        access,
        "casework/clients.html",
        form=form,
        results=results,
        searched=form.is_bound and form.is_valid(),
        new_query=request.GET.urlencode() if form.is_bound else "",
    )


@login_required
@require_http_methods(["GET", "POST"])
def client_new(request, group_id: int):
    """The participant form's first page. Near duplicates stop it with the candidates."""
    access = provider_for_member(request.user, group_id, CLIENTS)
    initial = _initial_from_search(request.GET)
    form = ClientDetailsForm(_posted(request), initial=initial)
    different = DifferentPersonForm(_posted(request))
    candidates: list[Client] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        near = queries.client_near_duplicates(
            data["first_name"], data["last_name"], data["birth_date"]
        )
        if not different.is_valid():
            candidates = near
        else:
            confirmed = different.cleaned_data["different_person"]
            try:
                client = registry.client_register(
                    actor=request.user,
                    group=access.group,
                    fields=data,
                    distinct_from=near if confirmed else (),
                    reason=different.cleaned_data["reason"] if confirmed else "",
                )
            except NearDuplicates as stop:
                candidates = stop.candidates
                messages.warning(request, stop.message)
            except CaseworkError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The client is registered. Continue with education."))
                return redirect("casework:client_education", group_id=group_id, pk=client.pk)
    plans = registry.active_plans_for(c.pk for c in candidates)
    for candidate in candidates:
        candidate.active_plan = plans.get(candidate.pk)
    return _render(
        request,
        access,
        "casework/client_new.html",
        form=form,
        different=different,
        candidates=candidates,
        step="details",
    )


def _initial_from_search(query) -> dict:
    name = query.get("name", "").split()
    initial = {"birth_date": query.get("birth_date", ""), "phone": query.get("phone", "")}
    initial["email"] = query.get("email", "")
    if name:
        initial["first_name"], initial["last_name"] = name[0], " ".join(name[1:])
    return initial


@login_required
@require_GET
def client_detail(request, group_id: int, pk: int):
    """The full file for a provider that serves or served the client (logged), otherwise the
    minimal view: enough to avoid a duplicate, nothing more (S2)."""
    access = provider_for_member(request.user, group_id, CLIENTS)
    client = client_in_registry(pk)
    if client.merged_into_id:
        return redirect("casework:client", group_id=group_id, pk=client.merged_into_id)
    plan = registry.active_plans_for([client.pk]).get(client.pk)
    if not registry.client_full_access(request.user, client, access.group):
        return _render(
            request,
            access,
            "casework/client_minimal.html",
            client=client,
            active_plan=plan,
            serve_form=ServeClientForm(),
        )
    registry.client_access_log(user=request.user, client=client, group=access.group)
    return _render(request, access, "casework/client_file.html", **_file_context(client, plan))


def _file_context(client: Client, plan) -> dict:
    return {
        "client": client,
        "active_plan": plan,
        "education": list(client.education.all()),
        "employment": list(client.employment.all()),
        "consents": list(
            client.consents.select_related("notice", "signed_file", "recorded_by", "withdrawn_by")
        ),
        "providers": queries.client_provider_names(client),
        "accesses": list(queries.client_accesses(client)),
        "history": audit_history(client),
        "age_verified_by": client.age_verified_by,
        "withdraw_form": WithdrawConsentForm(),
    }


@login_required
@require_POST
def client_serve(request, group_id: int, pk: int):
    access = provider_for_member(request.user, group_id, CLIENTS)
    client = client_in_registry(pk)
    if client.merged_into_id:
        raise Http404
    form = ServeClientForm(request.POST)
    if not form.is_valid():
        messages.error(request, str(form.errors["confirm"][0]))
        return redirect("casework:client", group_id=group_id, pk=pk)
    registry.client_serve(client=client, group=access.group, actor=request.user)
    messages.success(request, _("Your organisation now serves this client."))
    return redirect("casework:client", group_id=group_id, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def client_edit(request, group_id: int, pk: int):
    access, client = client_for_full_view(request, group_id, pk)
    form = ClientDetailsForm(_posted(request), instance=Client.objects.get(pk=client.pk))
    if request.method == "POST" and form.is_valid():
        try:
            registry.client_update(client=client, actor=request.user, fields=form.cleaned_data)
        except CaseworkError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The personal details are saved."))
            return redirect("casework:client_education", group_id=group_id, pk=pk)
    return _render(
        request, access, "casework/client_details.html", form=form, client=client, step="details"
    )


def _entries_page(request, group_id, pk, *, form_class, add, entries, step, next_step):
    access, client = client_for_full_view(request, group_id, pk)
    form = form_class(_posted(request))
    if request.method == "POST" and form.is_valid():
        add(client=client, actor=request.user, fields=form.cleaned_data)
        messages.success(request, _("The entry is added."))
        return redirect(f"casework:client_{step}", group_id=group_id, pk=pk)
    return _render(
        request,
        access,
        f"casework/client_{step}.html",
        form=form,
        client=client,
        entries=list(entries(client)),
        step=step,
        next_step=next_step,
    )


@login_required
@require_http_methods(["GET", "POST"])
def client_education(request, group_id: int, pk: int):
    return _entries_page(
        request,
        group_id,
        pk,
        form_class=EducationForm,
        add=registry.education_add,
        entries=lambda c: c.education.all(),
        step="education",
        next_step="employment",
    )


@login_required
@require_http_methods(["GET", "POST"])
def client_employment(request, group_id: int, pk: int):
    return _entries_page(
        request,
        group_id,
        pk,
        form_class=EmploymentForm,
        add=registry.employment_add,
        entries=lambda c: c.employment.all(),
        step="employment",
        next_step="income",
    )


@login_required
@require_POST
def education_remove(request, group_id: int, pk: int, entry_id: int):
    _access, client = client_for_full_view(request, group_id, pk)
    entry = get_object_or_404(EducationEntry, pk=entry_id, client=client)
    registry.education_remove(entry=entry, actor=request.user)
    messages.success(request, _("The entry is removed."))
    return redirect("casework:client_education", group_id=group_id, pk=pk)


@login_required
@require_POST
def employment_remove(request, group_id: int, pk: int, entry_id: int):
    _access, client = client_for_full_view(request, group_id, pk)
    entry = get_object_or_404(EmploymentEntry, pk=entry_id, client=client)
    registry.employment_remove(entry=entry, actor=request.user)
    messages.success(request, _("The entry is removed."))
    return redirect("casework:client_employment", group_id=group_id, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def client_income(request, group_id: int, pk: int):
    access, client = client_for_full_view(request, group_id, pk)
    form = IncomeSourceForm(
        _posted(request), initial={"income_source": client.income_source or None}
    )
    if request.method == "POST" and form.is_valid():
        registry.client_set_income_source(
            client=client, actor=request.user, income_source=form.cleaned_data["income_source"]
        )
        messages.success(request, _("The income source is saved."))
        return redirect("casework:client_consent", group_id=group_id, pk=pk)
    return _render(
        request, access, "casework/client_income.html", form=form, client=client, step="income"
    )


@login_required
@require_http_methods(["GET", "POST"])
def client_consent(request, group_id: int, pk: int):
    """The notice of collection in full, then the consent signed in presence (S3)."""
    access, client = client_for_full_view(request, group_id, pk)
    notice = registry.notice_current()
    form = ConsentForm(_posted(request), _files(request), notice=notice)
    if request.method == "POST" and form.is_valid():
        registry.consent_record(
            client=client,
            group=access.group,
            actor=request.user,
            notice=notice,
            signed_on=form.cleaned_data["signed_on"],
            upload=form.cleaned_data["signed_file"],
        )
        messages.success(request, _("The consent and the signed form are recorded."))
        return redirect("casework:client", group_id=group_id, pk=pk)
    return _render(
        request,
        access,
        "casework/client_consent.html",
        form=form,
        client=client,
        notice=notice,
        language=request.LANGUAGE_CODE,
        step="consent",
    )


@login_required
@require_POST
def consent_withdraw(request, group_id: int, pk: int, consent_id: int):
    _access, client = client_for_full_view(request, group_id, pk)
    consent = get_object_or_404(Consent, pk=consent_id, client=client)
    form = WithdrawConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, str(form.errors["note"][0]))
    else:
        try:
            registry.consent_withdraw(
                consent=consent, actor=request.user, note=form.cleaned_data["note"]
            )
        except CaseworkError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The withdrawal of consent is recorded."))
    return redirect("casework:client", group_id=group_id, pk=pk)


@login_required
@require_POST
def client_verify_age(request, group_id: int, pk: int):
    _access, client = client_for_full_view(request, group_id, pk)
    registry.client_verify_age(client=client, actor=request.user)
    messages.success(request, _("The age is marked as verified by you."))
    return redirect("casework:client", group_id=group_id, pk=pk)


# --- Employers ------------------------------------------------------------------------------


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
    return _render(
        request,
        access,
        "casework/employers.html",
        form=form,
        results=results,
        searched=form.is_bound and form.is_valid(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def employer_new(request, group_id: int):
    """Register an employer once searched for; close names must be confirmed (S4, Q11)."""
    access = provider_for_member(request.user, group_id, EMPLOYERS)
    form = EmployerForm(_posted(request), initial={"legal_name": request.GET.get("q", "")})
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
    return _render(request, access, "casework/employer_new.html", form=form, close=close)


@login_required
@require_GET
def employer_detail(request, group_id: int, pk: int):
    access = provider_for_member(request.user, group_id, EMPLOYERS)
    employer = get_object_or_404(Employer, pk=pk)
    return _render(
        request,
        access,
        "casework/employer_detail.html",
        employer=employer,
        forms=list(employer.year_forms.select_related("signed_file", "recorded_by")),
        history=audit_history(employer),
    )


@login_required
@require_http_methods(["GET", "POST"])
def employer_form_new(request, group_id: int, pk: int):
    access = provider_for_member(request.user, group_id, EMPLOYERS)
    employer = get_object_or_404(Employer, pk=pk)
    form = EmployerYearFormForm(_posted(request), _files(request), employer=employer)
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
    return _render(request, access, "casework/employer_form_new.html", form=form, employer=employer)


@login_required
@require_GET
def service_points(request, group_id: int):
    access = provider_for_member(request.user, group_id)
    return _render(
        request,
        access,
        "casework/service_points.html",
        points=list(queries.service_points(access.group)),
        provider=access.provider,
    )


# --- The ministry ---------------------------------------------------------------------------


@login_required
@require_GET
def ministry(request):
    require_ministry(request.user)
    return render(
        request,
        "casework/ministry.html",
        {
            "providers": list(queries.providers_with_counts()),
            "open_duplicates": queries.duplicates_queue().count(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def provider_new(request):
    require_ministry(request.user)
    form = ProviderForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        provider = registry.provider_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("The provider is created. Add its service points."))
        return redirect("casework:provider", pk=provider.pk)
    return render(request, "casework/provider_new.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def provider_detail(request, pk: int):
    require_ministry(request.user)
    provider = get_object_or_404(Provider.objects.select_related("group__organisation"), pk=pk)
    seats_form = SeatsForm(initial={"seats": provider.seats})
    point_form = ServicePointForm()
    manager_form = ManagerForm()
    if request.method == "POST":
        if "manager_email" in request.POST:
            manager_form = ManagerForm(request.POST)
            if manager_form.is_valid():
                try:
                    registry.provider_add_manager(
                        provider=provider, user=manager_form.user, actor=request.user
                    )
                except CaseworkError as error:
                    manager_form.add_error("manager_email", error.message)
                else:
                    messages.success(request, _("The provider's manager is named."))
                    return redirect("casework:provider", pk=pk)
        elif "seats" in request.POST:
            seats_form = SeatsForm(request.POST)
            if seats_form.is_valid():
                registry.provider_set_seats(
                    provider=provider, seats=seats_form.cleaned_data["seats"], actor=request.user
                )
                messages.success(request, _("The number of seats is saved."))
                return redirect("casework:provider", pk=pk)
        else:
            point_form = ServicePointForm(request.POST)
            if point_form.is_valid():
                try:
                    registry.service_point_create(
                        group=provider.group, actor=request.user, **point_form.cleaned_data
                    )
                except CaseworkError as error:
                    point_form.add_error("eo_id", error.message)
                else:
                    messages.success(request, _("The service point is added."))
                    return redirect("casework:provider", pk=pk)
    return render(
        request,
        "casework/provider_detail.html",
        {
            "provider": provider,
            "points": list(queries.service_points(provider.group)),
            "seats_form": seats_form,
            "point_form": point_form,
            "manager_form": manager_form,
            "managers": list(queries.provider_managers(provider)),
            "history": audit_history(provider),
        },
    )


@login_required
@require_GET
def duplicates(request):
    require_ministry(request.user)
    page = Paginator(queries.duplicates_queue(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "casework/duplicates.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def duplicate_detail(request, pk: int):
    require_ministry(request.user)
    suspicion = get_object_or_404(
        DuplicateSuspicion.objects.select_related("client", "similar_to", "reported_by"), pk=pk
    )
    form = DuplicateDecisionForm(_posted(request), suspicion=suspicion)
    if request.method == "POST" and form.is_valid():
        decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
        try:
            if decision == "distinct":
                registry.duplicate_mark_distinct(suspicion=suspicion, actor=request.user, note=note)
                messages.success(request, _("The pair is marked as different people."))
            else:
                keep = suspicion.client if decision == f"keep_{suspicion.client_id}" else None
                keep = keep or suspicion.similar_to
                registry.clients_merge(
                    suspicion=suspicion, keep=keep, actor=request.user, note=note
                )
                messages.success(request, _("The records are merged."))
        except CaseworkError as error:
            messages.error(request, error.message)
        return redirect("casework:duplicates")
    pair = [suspicion.similar_to, suspicion.client]
    for client in pair:
        registry.client_access_log(user=request.user, client=client, group=None)
    return render(
        request,
        "casework/duplicate_detail.html",
        {
            "suspicion": suspicion,
            "pair": [_file_context(c, None) for c in pair],
            "form": form,
        },
    )


@login_required
@require_GET
def access_log(request):
    require_ministry(request.user)
    page = Paginator(queries.access_log(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "casework/access_log.html", {"page": page})


@login_required
@require_GET
def ministry_clients(request):
    require_ministry(request.user)
    form = ClientSearchForm(request.GET or None)
    results: list[Client] = []
    if form.is_bound and form.is_valid():
        results = queries.client_search(**form.cleaned_data)
    plans = registry.active_plans_for(c.pk for c in results)
    for client in results:
        client.active_plan = plans.get(client.pk)
    return render(
        request,
        "casework/ministry_clients.html",
        {"form": form, "results": results, "searched": form.is_bound and form.is_valid()},
    )


@login_required
@require_GET
def ministry_client(request, pk: int):
    require_ministry(request.user)
    client = client_in_registry(pk)
    plan = registry.active_plans_for([client.pk]).get(client.pk)
    registry.client_access_log(user=request.user, client=client, group=None)
    return render(request, "casework/ministry_client.html", _file_context(client, plan))
