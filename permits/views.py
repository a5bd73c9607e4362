"""Pages of the permits service: the dashboard tab, a contractor account's tabs, and
permit applications. Thin: form → access helper → service → redirect."""

import functools

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from permits import queries, rows, services
from permits.access import (
    account_for_member,
    application_in_account,
    fee_in_account,
    template_in_account,
)
from permits.forms import (
    ApplicationForm,
    BankingForm,
    ContractorForm,
    DocumentForm,
    InspectionForm,
    PinForm,
    RolesGridForm,
    SelectedRowsForm,
    TemplateForm,
)
from permits.links import url_maker
from permits.models import Application, PinAttempt
from permits.roles import (
    INSPECTIONS,
    MANAGE_LABEL,
    PAY,
    PERMISSION_ROLES,
    SUBMIT,
    TEMPLATES,
    UPLOAD,
)
from permits.templatetags.permits_tags import money
from portal.errors import CoreError
from portal.models import Membership
from portal.roles import MANAGE_GROUP, MANAGER
from portal.selectors import audit_history

# The account's tabs: (key, URL name, label, who sees it: a permission or None for all).
_TABS = [
    ("details", "permits:account", gettext_lazy("Details"), None),
    ("applications", "permits:applications", gettext_lazy("Applications"), None),
    ("linked", "permits:linked", gettext_lazy("Linked accounts"), None),
    ("fees", "permits:fees", gettext_lazy("Fees and payments"), None),
    ("banking", "permits:banking", gettext_lazy("Banking information"), PAY),
    ("templates", "permits:templates", gettext_lazy("Templates"), TEMPLATES),
    ("access", "permits:access", gettext_lazy("Give access"), MANAGE_GROUP),
]


def _tabs(access, current: str) -> list[dict]:
    """The tab bar, computed here once rather than by eight {% url %} in the template."""
    return [
        {"url": url_maker(name)(access.account.pk), "label": str(label), "active": key == current}
        for key, name, label, permission in _TABS
        if permission is None or access.can(permission)
    ]


def _tab(request, access, tab: str, template: str, **context):
    can_manage = access.can(MANAGE_GROUP)
    return render(
        request,
        template,
        {
            "account": access.account,
            "organisation": access.account.group.organisation,
            "access": access,
            "perms": access.perms,
            "can_manage": can_manage,
            "tab": tab,
            "tabs": _tabs(access, tab),
            "api_access_url": url_maker("api_access:page")(access.account.group_id)
            if can_manage
            else "",
            **context,
        },
    )


# The dashboard's "Professionals/Contractors" tab ------------------------------------------


def _account_rows(user) -> list[dict]:
    accounts = queries.user_account_rows(user)
    url = url_maker("permits:account")
    for account in accounts:
        account["url"] = url(account["pk"])
    return accounts


@login_required
@require_GET
def contractors(request):
    return render(
        request,
        "permits/contractors.html",
        {"accounts": _account_rows(request.user), "form": PinForm()},
    )


@login_required
@require_POST
def associate(request):
    form = PinForm(request.POST)
    if form.is_valid():
        try:
            account = services.pin_link(
                user=request.user,
                typed=form.cleaned_data["pin"],
                ip=get_adapter(request).get_client_ip(request),
            )
        except services.PermitsError as error:  # throttled: how long to wait
            form.add_error("pin", error.message)
            account = None
        if account is not None:
            messages.success(
                request,
                _("Your account is now linked to %(name)s.")
                % {"name": account.group.organisation.legal_name},
            )
            return redirect("permits:contractors")
        elif not form.errors:  # a wrong or old PIN: one answer for both
            form.add_error("pin", _("This PIN does not match any professional or contractor."))
    return render(
        request,
        "permits/contractors.html",
        {"accounts": _account_rows(request.user), "form": form},
        status=200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def register(request):
    form = ContractorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        account = services.contractor_register(user=request.user, details=form.cleaned_data)
        messages.success(
            request,
            _("%(name)s is registered. You are its manager.")
            % {"name": form.cleaned_data["legal_name"]},
        )
        return redirect("permits:account", account_id=account.pk)
    return render(request, "permits/register.html", {"form": form})


# A contractor account's tabs ---------------------------------------------------------------


def _details_initial(account) -> dict:
    organisation = account.group.organisation
    return {
        "legal_name": organisation.legal_name,
        "operating_name": organisation.operating_name,
        **{field: getattr(account, field) for field in services.ACCOUNT_FIELDS},
    }


@login_required
@require_http_methods(["GET", "POST"])
def account_details(request, account_id: int):
    access = account_for_member(request.user, account_id)
    if request.method == "POST":
        access.require(MANAGE_GROUP)
    form = ContractorForm(request.POST or None, initial=_details_initial(access.account))
    if request.method == "POST" and form.is_valid():
        services.contractor_update(
            account=access.account, actor=request.user, details=form.cleaned_data
        )
        messages.success(request, _("The details were saved."))
        return redirect("permits:account", account_id=account_id)
    return _tab(
        request,
        access,
        "details",
        "permits/account_details.html",
        form=form,
        history=list(audit_history(access.account.group)) if access.can(MANAGE_GROUP) else [],
    )


# A tick-box cell of the Linked accounts grid, as the template's loop wrote it: built here,
# with its values escaped, since a template loop over 6 boxes a person cost most of the page.
_CELL = "\n              <td>\n                {inner}\n              </td>\n            "
_MANAGED_BOX = (
    "\n                  "
    '<input class="form-check-input" type="checkbox" name="{name}" value="{value}" id="{id}"'
    ' form="roles-form"{checked}>'
    '\n                  <label class="visually-hidden" for="{id}">{label}</label>'
    "\n                "
)
_TICKED = (
    '<span aria-hidden="true">✓</span><span class="visually-hidden">{label}</span>'
    "\n                "
)
_UNTICKED = '<span class="visually-hidden">{label}</span>'


def _grid_rows(members: list[dict], can_manage: bool) -> list[dict]:
    """The grid's rows with what RolesGridForm's tick-boxes would render (names, values, ids
    "id_roles-<pk>_<n>", ticks) and their labels, computed once per request."""
    choices = [(MANAGER, str(MANAGE_LABEL))] + [(r.key, str(r.label)) for r in PERMISSION_ROLES]
    if can_manage:
        box_label, select_label = _("%(permission)s — %(name)s"), _("Select %(name)s")
    else:
        yes, no = _("%(permission)s: yes"), _("%(permission)s: no")
    for member in members:
        name = rows.display_name(
            member["user__first_name"], member["user__last_name"], member["user__email"]
        )
        member["name"], member["email"] = name, member["user__email"]
        shown = _shown_roles(member["roles"])
        field = f"roles-{member['pk']}"
        cells = []
        for index, (key, label) in enumerate(choices):
            selected = key in shown
            if can_manage:
                inner = format_html(
                    _MANAGED_BOX,
                    name=field,
                    value=key,
                    id=f"id_{field}_{index}",
                    checked=" checked" if selected else "",
                    label=rows.filled(box_label, permission=label, name=name),
                )
            else:
                inner = format_html(
                    _TICKED if selected else _UNTICKED,
                    label=rows.filled(yes if selected else no, permission=label),
                )
            cells.append(format_html(_CELL, inner=inner))
        member["cells"] = cells
        if can_manage:
            member["select_label"] = rows.filled(select_label, name=name)
    return members


@login_required
@require_GET
def account_linked(request, account_id: int):
    access = account_for_member(request.user, account_id)
    members = queries.linked_rows(access.account)
    return _tab(
        request,
        access,
        "linked",
        "permits/account_linked.html",
        rows=_grid_rows(members, access.can(MANAGE_GROUP)),
        roles=PERMISSION_ROLES,
        role_notes=_role_notes(get_language()),
    )


@functools.lru_cache(maxsize=8)
def _role_notes(language: str | None) -> list[str]:
    """ "What each permission allows", once per language."""
    return [
        rows.filled(
            _("<strong>%(label)s</strong>: %(description)s"),
            label=role.label,
            description=role.description,
        )
        for role in PERMISSION_ROLES
    ]


def _shown_roles(roles: list[str]) -> list[str]:
    """Manage implies all: a manager's row shows every box ticked."""
    if MANAGER in roles:
        return [MANAGER] + [role.key for role in PERMISSION_ROLES]
    return list(roles)


@login_required
@require_POST
def linked_roles(request, account_id: int):
    access = account_for_member(request.user, account_id)
    access.require(MANAGE_GROUP)
    members = list(queries.linked_members(access.account))
    form = RolesGridForm(request.POST, members=members)
    if not form.is_valid():
        messages.error(request, _("Choose permissions from the list."))
        return redirect("permits:linked", account_id=account_id)
    # Only the rows the manager saw: someone linked since then keeps their permissions
    # (an absent tick-box means "unticked", so an unseen row would lose everything).
    shown = {value for value in request.POST.getlist("shown") if value.isdigit()}
    wanted = {
        pk: [MANAGER] if MANAGER in roles else roles
        for pk, roles in form.wanted().items()
        if str(pk) in shown
    }
    # What is stored for a manager is the manager role alone (it implies the rest); the
    # grid's ticks under Manage are display only.
    current = {m.pk: _stored(m.roles) for m in members}
    changed = {pk: roles for pk, roles in wanted.items() if sorted(roles) != current[pk]}
    try:
        count = services.linked_set_roles(
            account=access.account, actor=request.user, wanted=changed
        )
    except CoreError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Permissions saved (%(count)s changed).") % {"count": count})
    return redirect("permits:linked", account_id=account_id)


def _stored(roles: list[str]) -> list[str]:
    return [MANAGER] if MANAGER in roles else sorted(roles)


@login_required
@require_POST
def linked_selected(request, account_id: int):
    access = account_for_member(request.user, account_id)
    access.require(MANAGE_GROUP)
    members = list(queries.linked_members(access.account))
    form = SelectedRowsForm(request.POST, members=members)
    if not form.is_valid():
        messages.error(request, _("Select at least one person and an action."))
        return redirect("permits:linked", account_id=account_id)
    ids = form.cleaned_data["selected"]
    try:
        if form.cleaned_data["action"] == "remove":
            count = services.linked_remove(
                account=access.account, actor=request.user, membership_ids=ids
            )
            messages.success(request, _("%(count)s people removed.") % {"count": count})
        else:
            count = services.linked_clear_permissions(
                account=access.account, actor=request.user, membership_ids=ids
            )
            messages.success(
                request, _("Permissions removed from %(count)s people.") % {"count": count}
            )
    except CoreError as error:
        messages.error(request, error.message)
    removed_self = (
        form.cleaned_data["action"] == "remove"
        and access.membership.pk in ids
        and not Membership.objects.filter(
            pk=access.membership.pk, status=Membership.Status.ACTIVE
        ).exists()
    )
    if removed_self:  # the account is no longer visible to them
        return redirect("permits:contractors")
    return redirect("permits:linked", account_id=account_id)


@login_required
@require_GET
def account_fees(request, account_id: int):
    access = account_for_member(request.user, account_id)
    page = queries.account_fees_page(access.account, request.GET.get("page"))
    kinds = rows.labels(Application.Kind)
    application_url = url_maker("permits:application", 2)
    pay_url = url_maker("permits:fee_pay", 2)
    account_pk = access.account.pk
    for row in page.object_list:
        reference = row["application__reference"]
        row["application_url"] = application_url(account_pk, row["application_id"])
        row["label"] = kinds.get(row["label"], row["label"])  # as Fee.__str__
        row["amount"] = money(row["amount_cents"])
        row["paid"] = ""
        if row["payment__id"] is not None:
            payer = row["payment__paid_by_id"] and rows.display_name(
                row["payment__paid_by__first_name"],
                row["payment__paid_by__last_name"],
                row["payment__paid_by__email"],
            )
            row["paid"] = rows.filled(
                _("Paid on %(date)s by %(who)s (%(reference)s)"),
                date=rows.short_date(row["payment__paid_at"]),
                who=payer or "—",
                reference=row["payment__reference"],
            )
        else:
            row["pay_url"] = pay_url(account_pk, row["pk"])
            row["pay_label"] = rows.filled(_("Pay the fee of %(ref)s"), ref=reference)
    return _tab(request, access, "fees", "permits/account_fees.html", page=page)


@login_required
@require_POST
def fee_pay(request, account_id: int, fee_id: int):
    access = account_for_member(request.user, account_id)
    access.require(PAY)
    fee = fee_in_account(access.account, fee_id)
    try:
        services.fee_pay(fee=fee, actor=request.user)
    except services.PermitsError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Payment recorded."))
    if request.POST.get("next") == "application":
        return redirect(
            "permits:application", account_id=account_id, application_id=fee.application_id
        )
    return redirect("permits:fees", account_id=account_id)


@login_required
@require_http_methods(["GET", "POST"])
def account_banking(request, account_id: int):
    access = account_for_member(request.user, account_id)
    access.require(PAY)
    form = BankingForm(request.POST or None, instance=access.account)
    if request.method == "POST" and form.is_valid():
        services.banking_update(
            account=access.account, actor=request.user, details=form.cleaned_data
        )
        messages.success(request, _("The banking information was saved."))
        return redirect("permits:banking", account_id=account_id)
    return _tab(request, access, "banking", "permits/account_banking.html", form=form)


@login_required
@require_GET
def account_access(request, account_id: int):
    access = account_for_member(request.user, account_id)
    access.require(MANAGE_GROUP)
    return _tab(
        request,
        access,
        "access",
        "permits/account_access.html",
        attempts=_attempt_rows(queries.failed_attempt_rows(access.account)),
    )


def _attempt_rows(attempts: list[dict]) -> list[dict]:
    outcomes = rows.labels(PinAttempt.Outcome)
    for attempt in attempts:
        attempt["when"] = rows.short_datetime(attempt["created_at"])
        attempt["who"], attempt["email"] = "—", None
        if attempt["user_id"] is not None:
            attempt["email"] = attempt["user__email"]
            attempt["who"] = (
                rows.display_name(
                    attempt["user__first_name"], attempt["user__last_name"], attempt["user__email"]
                )
                or "—"
            )
        attempt["ip"] = attempt["ip"] or "—"
        attempt["reason"] = outcomes.get(attempt["outcome"], attempt["outcome"])
    return attempts


@login_required
@require_POST
def pin_regenerate(request, account_id: int):
    access = account_for_member(request.user, account_id)
    access.require(MANAGE_GROUP)
    if request.POST.get("confirm") != "yes":
        messages.error(
            request, _("Tick the box to confirm that the current PIN should stop working.")
        )
        return redirect("permits:access", account_id=account_id)
    services.pin_regenerate(account=access.account, actor=request.user)
    messages.success(request, _("A new PIN was generated. The old one no longer works."))
    return redirect("permits:access", account_id=account_id)


# Applications (P6) --------------------------------------------------------------------------


@login_required
@require_GET
def applications(request, account_id: int):
    access = account_for_member(request.user, account_id)
    page = queries.account_applications_page(access.account, request.GET.get("page"))
    kinds, statuses = rows.labels(Application.Kind), rows.labels(Application.Status)
    url = url_maker("permits:application", 2)
    for row in page.object_list:
        row["url"] = url(access.account.pk, row["pk"])
        row["kind_label"] = kinds.get(row["kind"], row["kind"])
        row["status_label"] = statuses.get(row["status"], row["status"])
        row["submitted"] = rows.short_date(row["created_at"])
        row["submitted_by"] = (
            None
            if row["submitted_by_id"] is None
            else rows.display_name(
                row["submitted_by__first_name"],
                row["submitted_by__last_name"],
                row["submitted_by__email"],
            )
        )
    return _tab(request, access, "applications", "permits/applications.html", page=page)


@login_required
@require_http_methods(["GET", "POST"])
def application_new(request, account_id: int):
    access = account_for_member(request.user, account_id)
    access.require(SUBMIT)
    initial = {}
    templates = list(access.account.templates.order_by("name"))
    if request.GET.get("template"):
        try:
            chosen = template_in_account(access.account, int(request.GET["template"]))
        except ValueError:
            chosen = None
        if chosen is not None:
            initial = {"kind": chosen.kind, "description": chosen.description}
    form = ApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        application = services.application_submit(
            account=access.account, actor=request.user, **form.cleaned_data
        )
        messages.success(
            request, _("Application %(ref)s submitted.") % {"ref": application.reference}
        )
        return redirect("permits:application", account_id=account_id, application_id=application.pk)
    return _tab(
        request,
        access,
        "applications",
        "permits/application_new.html",
        form=form,
        templates=templates,
    )


def _application_page(request, access, application, **forms):
    return _tab(
        request,
        access,
        "applications",
        "permits/application_detail.html",
        application=application,
        documents=list(queries.application_documents(application)),
        fees=list(application.fees.select_related("payment__paid_by").order_by("pk")),
        inspections=list(application.inspections.select_related("requested_by").order_by("pk")),
        document_form=forms.get("document_form") or DocumentForm(),
        inspection_form=forms.get("inspection_form") or InspectionForm(),
        can_upload=application.status in services.UPLOAD_STATUSES,
        can_inspect=application.status in services.INSPECTION_STATUSES,
        history=list(audit_history(application)),
    )


@login_required
@require_GET
def application_detail(request, account_id: int, application_id: int):
    access = account_for_member(request.user, account_id)
    application = application_in_account(access.account, application_id)
    return _application_page(request, access, application)


@login_required
@require_POST
def application_upload(request, account_id: int, application_id: int):
    access = account_for_member(request.user, account_id)
    access.require(UPLOAD)
    application = application_in_account(access.account, application_id)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.application_upload(
                application=application, actor=request.user, upload=form.cleaned_data["file"]
            )
        except services.PermitsError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Document added."))
        return redirect("permits:application", account_id=account_id, application_id=application.pk)
    return _application_page(request, access, application, document_form=form)


@login_required
@require_POST
def application_inspection(request, account_id: int, application_id: int):
    access = account_for_member(request.user, account_id)
    access.require(INSPECTIONS)
    application = application_in_account(access.account, application_id)
    form = InspectionForm(request.POST)
    if form.is_valid():
        try:
            services.inspection_request(
                application=application, actor=request.user, **form.cleaned_data
            )
        except services.PermitsError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Inspection requested."))
        return redirect("permits:application", account_id=account_id, application_id=application.pk)
    return _application_page(request, access, application, inspection_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def account_templates(request, account_id: int):
    access = account_for_member(request.user, account_id)
    access.require(TEMPLATES)
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.template_save(account=access.account, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Template saved."))
        return redirect("permits:templates", account_id=account_id)
    return _tab(
        request,
        access,
        "templates",
        "permits/account_templates.html",
        form=form,
        templates=list(access.account.templates.order_by("name")),
    )


@login_required
@require_POST
def template_delete(request, account_id: int, template_id: int):
    access = account_for_member(request.user, account_id)
    access.require(TEMPLATES)
    template = template_in_account(access.account, template_id)
    services.template_delete(template=template, actor=request.user)
    messages.success(request, _("Template deleted."))
    return redirect("permits:templates", account_id=account_id)
