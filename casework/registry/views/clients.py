"""A provider's client pages: search, registration steps (details, education, employment,
income, consent), the full file or the minimal view, serving a client, withdrawing consent and
verifying age (S2, S3, S7)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casework.access import client_for_full_view, client_in_registry, provider_for_member
from casework.errors import CaseworkError, NearDuplicates
from casework.registry import queries
from casework.registry import services as registry
from casework.registry.forms import (
    ClientDetailsForm,
    ClientSearchForm,
    ConsentForm,
    DifferentPersonForm,
    EducationForm,
    EmploymentForm,
    IncomeSourceForm,
    ServeClientForm,
    WithdrawConsentForm,
)
from casework.registry.models import Client, Consent, EducationEntry, EmploymentEntry
from casework.registry.views.base import (
    blank_search_fields,
    client_file_context,
    posted,
    render_for_provider,
    uploaded,
)
from casework.roles import CLIENTS


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
    return render_for_provider(
        request,
        access,
        "casework/registry/clients.html",
        form=form,
        blank_search_fields=blank_search_fields(form),
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
    form = ClientDetailsForm(posted(request), initial=initial)
    different = DifferentPersonForm(posted(request))
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
    return render_for_provider(
        request,
        access,
        "casework/registry/client_new.html",
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
        return render_for_provider(
            request,
            access,
            "casework/registry/client_minimal.html",
            client=client,
            active_plan=plan,
            serve_form=ServeClientForm(),
        )
    registry.client_access_log(user=request.user, client=client, group=access.group)
    return render_for_provider(
        request, access, "casework/registry/client_file.html", **client_file_context(client, plan)
    )


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
    form = ClientDetailsForm(posted(request), instance=Client.objects.get(pk=client.pk))
    if request.method == "POST" and form.is_valid():
        try:
            registry.client_update(client=client, actor=request.user, fields=form.cleaned_data)
        except CaseworkError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The personal details are saved."))
            return redirect("casework:client_education", group_id=group_id, pk=pk)
    return render_for_provider(
        request,
        access,
        "casework/registry/client_details.html",
        form=form,
        client=client,
        step="details",
    )


def _entries_page(request, group_id, pk, *, form_class, add, entries, step, next_step):
    access, client = client_for_full_view(request, group_id, pk)
    form = form_class(posted(request))
    if request.method == "POST" and form.is_valid():
        add(client=client, actor=request.user, fields=form.cleaned_data)
        messages.success(request, _("The entry is added."))
        return redirect(f"casework:client_{step}", group_id=group_id, pk=pk)
    return render_for_provider(
        request,
        access,
        f"casework/registry/client_{step}.html",
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
        posted(request), initial={"income_source": client.income_source or None}
    )
    if request.method == "POST" and form.is_valid():
        registry.client_set_income_source(
            client=client, actor=request.user, income_source=form.cleaned_data["income_source"]
        )
        messages.success(request, _("The income source is saved."))
        return redirect("casework:client_consent", group_id=group_id, pk=pk)
    return render_for_provider(
        request,
        access,
        "casework/registry/client_income.html",
        form=form,
        client=client,
        step="income",
    )


@login_required
@require_http_methods(["GET", "POST"])
def client_consent(request, group_id: int, pk: int):
    """The notice of collection in full, then the consent signed in presence (S3)."""
    access, client = client_for_full_view(request, group_id, pk)
    notice = registry.notice_current()
    form = ConsentForm(posted(request), uploaded(request), notice=notice)
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
    return render_for_provider(
        request,
        access,
        "casework/registry/client_consent.html",
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
