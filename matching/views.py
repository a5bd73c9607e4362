"""Pages of operator matching: thin views (form → access helper → service → render)."""

import logging
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from credentials.models import Credential
from matching import queries, rendered, services
from matching.forms import (
    AgreementForm,
    AvailabilityForm,
    CredentialForm,
    FacilityForm,
    OperatorProfileForm,
    OperatorSignupForm,
    OwnerSignupForm,
    SaveSearchForm,
    SearchForm,
)
from matching.models import Facility, ProfileState, SavedSearch, Shift, Weekday
from matching.reference import reference
from matching.services import MatchingError
from portal.errors import CoreError
from portal.models import Organisation
from portal.selectors import audit_history

security_log = logging.getLogger("portal.security")
PAGE_SIZE = 25


def operator_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        profile = queries.operator_profile_for_user(request.user)
        if profile is None:
            return redirect("matching:operator_signup")
        return view(request, profile, *args, **kwargs)

    return wrapper


def owner_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        profile = queries.owner_profile_for_user(request.user)
        if profile is None:
            return redirect("matching:owner_signup")
        return view(request, profile, *args, **kwargs)

    return wrapper


def active_owner_required(view):
    """Search pages: a verified owner of an active organisation; operators and others 403."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        profile = queries.owner_profile_for_user(request.user)
        if (
            profile is None
            or profile.state != ProfileState.ACTIVE
            or profile.group.organisation.status != Organisation.Status.ACTIVE
        ):
            security_log.warning("refused matching search user=%s", request.user.pk)
            raise PermissionDenied(
                _(
                    "Operator search is for verified system owners. Register your "
                    "organisation as a system owner on the matching page; once the "
                    "accreditation office has verified it, you can search."
                )
            )
        return view(request, profile, *args, **kwargs)

    return wrapper


def _dialog_or_page(request, template: str, context: dict, status: int = 200):
    """One template for both: the dialog body for htmx, a page without JavaScript."""
    context["partial"] = bool(request.htmx)
    name = template if request.htmx else "matching/dialog_page.html"
    context["dialog_template"] = template
    return render(request, name, context, status=status)


def _saved(request, url: str, message: str):
    messages.success(request, message)
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


# --- Landing ---------------------------------------------------------------------------------


@require_GET
def home(request):
    operator = queries.operator_profile_for_user(request.user)
    owner = queries.owner_profile_for_user(request.user)
    return render(request, "matching/home.html", {"operator": operator, "owner": owner})


# --- Operators -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def operator_signup(request):
    if queries.operator_profile_for_user(request.user) is not None:
        return redirect("matching:operator_profile")
    initial = {"contact_email": request.user.email, "contact_phone": request.user.phone}
    form = OperatorSignupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.operator_register(user=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("Your operator account is created. Now enter your operator ID and certificates."),
        )
        return redirect("matching:operator_profile")
    return render(request, "matching/operator_signup.html", {"form": form})


@operator_required
@require_http_methods(["GET", "POST"])
def operator_profile(request, profile):
    form = OperatorProfileForm(
        request.POST or None,
        initial={
            "operator_id": profile.operator_id,
            "contact_phone": profile.contact_phone,
            "contact_email": profile.contact_email,
            "home_municipality": profile.home_municipality,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.operator_profile_update(
                profile=profile, actor=request.user, **form.cleaned_data
            )
        except MatchingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your profile is saved."))
        return redirect("matching:operator_profile")
    context = {
        "profile": profile,
        "form": form,
        "credentials": list(queries.operator_credentials(profile)),
        "agreement": AgreementForm(initial={"agree": profile.locked}),
        "history": list(audit_history(profile)[:20]),
    }
    return render(request, "matching/operator_profile.html", context)


def _own_credential(profile, pk: int) -> Credential:
    return get_object_or_404(
        Credential, pk=pk, holder_id=profile.user_id, type__family="water_operator"
    )


@operator_required
@require_http_methods(["GET", "POST"])
def credential_edit(request, profile, pk: int | None = None):
    credential = _own_credential(profile, pk) if pk is not None else None
    initial = {}
    if credential is not None:
        initial = {
            "number": credential.number,
            "type": credential.type_id,
            "credential_class": credential.credential_class_id,
            "expires_on": credential.expires_on,
        }
    form = CredentialForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if profile.locked:
            form.add_error(
                None,
                _(
                    "Untick the user agreement to edit your profile "
                    "(it will need verification again)."
                ),
            )
        elif form.is_valid():
            try:
                services.operator_credential_save(
                    profile=profile, actor=request.user, credential=credential, **form.cleaned_data
                )
            except MatchingError as error:
                form.add_error(None, error.message)
            else:
                return _saved(
                    request, reverse("matching:operator_profile"), _("Certificate saved.")
                )
        status = 422 if not request.htmx else 200
    return _dialog_or_page(
        request,
        "matching/credential_form.html",
        {"form": form, "credential": credential, "profile": profile},
        status,
    )


@operator_required
@require_POST
def credential_delete(request, profile, pk: int):
    credential = _own_credential(profile, pk)
    try:
        services.operator_credential_delete(
            profile=profile, actor=request.user, credential=credential
        )
    except MatchingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Certificate deleted."))
    return redirect("matching:operator_profile")


@operator_required
@require_POST
def operator_agreement(request, profile):
    form = AgreementForm(request.POST)
    form.is_valid()
    if not form.cleaned_data.get("agree") and not profile.locked:
        messages.error(request, _("Tick the user agreement box to submit your profile."))
        return redirect("matching:operator_profile")
    try:
        if form.cleaned_data.get("agree"):
            services.operator_submit(profile=profile, actor=request.user)
            messages.success(request, _("Your profile is submitted and waits for verification."))
            return redirect("matching:operator_overview")
        services.operator_withdraw(profile=profile, actor=request.user)
        messages.info(
            request,
            _("Your profile is unlocked for editing. Tick the agreement again to submit it."),
        )
    except MatchingError as error:
        messages.error(request, error.message)
    return redirect("matching:operator_profile")


@operator_required
@require_http_methods(["GET", "POST"])
def operator_overview(request, profile):
    form = AvailabilityForm(
        request.POST or None,
        initial={
            "available": profile.available,
            "days": profile.days,
            "shift": profile.shift,
            "regions": profile.regions,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.operator_availability_save(
                profile=profile,
                actor=request.user,
                available=form.cleaned_data["available"],
                days=form.cleaned_data["days"],
                shift=form.cleaned_data["shift"],
                regions=[region.pk for region in form.cleaned_data["regions"]],
            )
        except MatchingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your availability is saved."))
            return redirect("matching:operator_overview")
    context = {
        "profile": profile,
        "form_fields": (  # the template shows the form to an active operator only
            rendered.form_html("matching/_availability_fields.html", form)
            if profile.state == ProfileState.ACTIVE
            else ""
        ),
    }
    return render(request, "matching/operator_overview.html", context)


# --- Owners ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def owner_signup(request):
    if queries.owner_profile_for_user(request.user) is not None:
        return redirect("matching:owner_profile")
    groups = list(queries.manager_groups_without_owner(request.user))
    form = OwnerSignupForm(request.POST or None, initial={"kind": Organisation.Kind.MUNICIPALITY})
    if request.method == "POST":
        group_id = request.POST.get("group")
        if group_id:
            group = next((g for g in groups if str(g.pk) == group_id), None)
            if group is None:
                raise PermissionDenied
            services.owner_register_for_group(user=request.user, group=group)
            return redirect("matching:owner_profile")
        if form.is_valid():
            organisation = form.save(commit=False)
            organisation.province = "ON"
            try:
                services.owner_register(user=request.user, organisation=organisation)
            except CoreError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, _("Your organisation is registered. Now add your facilities.")
                )
                return redirect("matching:owner_profile")
    return render(request, "matching/owner_signup.html", {"form": form, "groups": groups})


@owner_required
@require_GET
def owner_profile(request, profile):
    context = {
        "profile": profile,
        "organisation": profile.group.organisation,
        "facilities": list(profile.facilities.all()),
        "agreement": AgreementForm(initial={"agree": profile.locked}, for_owner=True),
        "history": list(audit_history(profile)[:20]),
    }
    return render(request, "matching/owner_profile.html", context)


@owner_required
@require_http_methods(["GET", "POST"])
def facility_edit(request, profile, pk: int | None = None):
    facility = get_object_or_404(Facility, pk=pk, owner=profile) if pk is not None else None
    form = FacilityForm(request.POST or None, instance=facility)
    status = 200
    if request.method == "POST":
        if profile.locked:
            form.add_error(
                None,
                _(
                    "Untick the user agreement to edit your profile "
                    "(it will need verification again)."
                ),
            )
        elif form.is_valid():
            try:
                services.owner_facility_save(
                    profile=profile, actor=request.user, facility=facility, **form.cleaned_data
                )
            except MatchingError as error:
                form.add_error(None, error.message)
            else:
                return _saved(request, reverse("matching:owner_profile"), _("Facility saved."))
        status = 422 if not request.htmx else 200
    return _dialog_or_page(
        request, "matching/facility_form.html", {"form": form, "facility": facility}, status
    )


@owner_required
@require_POST
def facility_delete(request, profile, pk: int):
    facility = get_object_or_404(Facility, pk=pk, owner=profile)
    try:
        services.owner_facility_delete(profile=profile, actor=request.user, facility=facility)
    except MatchingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Facility deleted."))
    return redirect("matching:owner_profile")


@owner_required
@require_POST
def owner_agreement(request, profile):
    form = AgreementForm(request.POST)
    form.is_valid()
    if not form.cleaned_data.get("agree") and not profile.locked:
        messages.error(request, _("Tick the user agreement box to submit your profile."))
        return redirect("matching:owner_profile")
    try:
        if form.cleaned_data.get("agree"):
            services.owner_submit(profile=profile, actor=request.user)
            messages.success(
                request, _("Your facility profile is submitted and waits for verification.")
            )
            return redirect("matching:owner_overview")
        services.owner_withdraw(profile=profile, actor=request.user)
        messages.info(
            request,
            _("Your profile is unlocked for editing. Tick the agreement again to submit it."),
        )
    except MatchingError as error:
        messages.error(request, error.message)
    return redirect("matching:owner_profile")


@owner_required
@require_GET
def owner_overview(request, profile):
    searches = list(queries.saved_searches(profile))
    search_url = reverse("matching:search")
    delete_url = reverse("matching:search_delete", args=[0]).replace("/0/", "/{}/")
    for search in searches:  # each row's links once in Python, not a {% url %} per row
        search.run_url = f"{search_url}?{search.query_string()}"  # type: ignore[attr-defined]
        search.delete_url = delete_url.format(search.pk)  # type: ignore[attr-defined]
    context = {
        "profile": profile,
        "organisation": profile.group.organisation,
        "searches": searches,
    }
    return render(request, "matching/owner_overview.html", context)


# --- Search (M7, M9) -------------------------------------------------------------------------


@active_owner_required
@require_GET
def search(request, profile):
    form = SearchForm(request.GET or None)
    page = None
    rows_html = ""
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        page = queries.search_page(
            region=data["region"],
            credential_type=data["credential_type"],
            credential_class=data["credential_class"],
            days=data["days"],
            shift=data["shift"],
            requested=request.GET.get("page"),
            per_page=PAGE_SIZE,
        )
        rows_html = _result_rows(list(page))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "criteria_fields": rendered.form_html("matching/_search_criteria.html", form),
        "top_html": rendered.static_html("matching/_search_top.html"),
        "page": page,
        "results_head_html": (
            rendered.static_html("matching/_search_results_head.html") if page is not None else ""
        ),
        "rows_html": rows_html,
        "query": query.urlencode(),
        "save_fields": (
            rendered.per_language("matching-save-fields", _save_fields) if page is not None else ""
        ),
        "profile": profile,
    }
    return render(request, "matching/search.html", context)


_ROW = (
    "\n                <tr>"
    '\n                  <td><a href="{}">{}</a></td>'
    "\n                  <td>{}</td>"
    "\n                  <td>{}</td>"
    "\n                  <td>{}</td>"
    "\n                  <td>{}</td>"
    "\n                </tr>\n              "
)


def _save_fields() -> str:
    """The save form's fields: an unbound form whose HTML depends on the language only."""
    return render_to_string("matching/_save_search_fields.html", {"form": SaveSearchForm()})


def _row_constants() -> tuple[dict[int, str], dict[str, str], str]:
    """The days' and shifts' names and the detail page's URL (with `{}` for the id)."""
    return (
        {day.value: str(day.label) for day in Weekday},
        {shift.value: str(shift.label) for shift in Shift},
        reverse("matching:operator_detail", args=[0]).replace("/0/", "/{}/"),
    )


def _result_rows(found: list[queries.Found]) -> str:
    """The results table's rows, built here once rather than by template loops and filters
    per row (issue 19): the same HTML the template wrote, every value escaped."""
    if not found:
        return ""
    ref = reference()
    classes = queries.class_labels({pk for row in found for pk in row.classes}, ref)
    day_names, shift_names, detail_url = rendered.per_language("matching-rows", _row_constants)
    lines = []
    for row in found:
        certificates = format_html_join(
            mark_safe("<br>"), "{} — {}", (classes[pk] for pk in row.classes)
        )
        lines.append(
            format_html(
                _ROW,
                detail_url.format(row.pk),
                row.user.display_name,
                certificates,
                ", ".join(day_names[day] for day in row.days),
                shift_names[row.shift],
                ", ".join(
                    ref.region_by_id[pk].name for pk in row.regions if pk in ref.region_by_id
                ),
            )
        )
    return mark_safe("".join(lines))  # noqa: S308 (each row made by format_html)


@active_owner_required
@require_GET
def operator_detail(request, profile, pk: int):
    operator = queries.operator_for_owner(pk)
    return render(
        request,
        "matching/operator_detail.html",
        {"operator": operator, "regions": queries.regions_by_id()},
    )


@active_owner_required
@require_POST
def search_save(request, profile):
    search_form = SearchForm(request.POST)
    save_form = SaveSearchForm(request.POST)
    if search_form.is_valid() and save_form.is_valid():
        data = search_form.cleaned_data
        services.saved_search_create(
            owner=profile,
            actor=request.user,
            name=save_form.cleaned_data["name"],
            alert=save_form.cleaned_data["alert"],
            region=data["region"],
            credential_type=data["credential_type"],
            credential_class=data["credential_class"],
            days=data["days"],
            shift=data["shift"],
        )
        messages.success(request, _("Search saved."))
        return redirect("matching:owner_overview")
    messages.error(request, _("Give the search a name to save it."))
    criteria = request.POST.copy()
    for name in ("csrfmiddlewaretoken", "name", "alert"):
        criteria.pop(name, None)
    return redirect(f"{reverse('matching:search')}?{criteria.urlencode()}")


@active_owner_required
@require_POST
def search_delete(request, profile, pk: int):
    search_obj = get_object_or_404(SavedSearch, pk=pk, owner=profile)
    services.saved_search_delete(search=search_obj, actor=request.user)
    messages.success(request, _("Search deleted."))
    return redirect("matching:owner_overview")
