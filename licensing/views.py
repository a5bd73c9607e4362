"""Licensing pages: the company's licences (counts, purchase, management table, CSV), the
employee's course, application and redemption, and the office's exam results."""

import csv

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.backends.utils import csrf_input
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from billing.errors import BillingError
from billing.models import Product
from billing.services import cart_set
from licensing import services
from licensing.code_table import code_page, code_row, rows_html, state_options
from licensing.errors import LicensingError
from licensing.exam_table import exam_page
from licensing.forms import (
    ApplicationForm,
    BuyForm,
    CodeNotesForm,
    ExamForm,
    RedeemForm,
    ResubmitForm,
)
from licensing.models import Application, IntroCourseCompletion, LicenceCode
from licensing.queries import (
    certifications,
    code_counts,
    group_codes,
    my_applications,
    my_licensing_groups,
)
from licensing.roles import BUY, VIEW_CODES, VIEW_TRANSACTIONS
from portal.access import group_for_member, group_permissions
from portal.errors import CoreError
from portal.forms import OrganisationRequestForm
from portal.lib.throttle import wait_message
from portal.selectors import audit_history
from portal.services.organisations import organisation_request

PRODUCT_CODE = "licensing-licence"
CODES_PER_PAGE = 100


def _licensing_group(user, group_id: int, permission: str | None = None):
    group, membership = group_for_member(user, group_id)
    if group.service != "licensing":
        raise Http404
    perms = group_permissions(user, group)
    if permission and permission not in perms:
        raise PermissionDenied
    return group, perms


def _own_application(user, application_id: int) -> Application:
    return get_object_or_404(
        Application.objects.select_related("certification"), pk=application_id, applicant=user
    )


@login_required
@require_GET
def home(request):
    context = {
        "memberships": list(my_licensing_groups(request.user)),
        "applications": list(my_applications(request.user)),
        "intro": IntroCourseCompletion.objects.filter(user=request.user).first(),
    }
    return render(request, "licensing/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def company_new(request):
    """Register a company (an organisation and its group) for the licensing service."""
    data = request.POST.copy() if request.method == "POST" else None
    if data is not None:
        data["service"] = "licensing"
    form = OrganisationRequestForm(data, initial={"service": "licensing"})
    form.fields["service"].widget = form.fields["service"].hidden_widget()
    if request.method == "POST" and form.is_valid():
        try:
            organisation_request(
                user=request.user, organisation=form.save(commit=False), service="licensing"
            )
        except CoreError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _(
                    "Your company was registered. The certification office will confirm it; "
                    "you will get an e-mail."
                ),
            )
            return redirect("licensing:home")
    return render(request, "licensing/company_new.html", {"form": form})


@login_required
@require_GET
def company(request, group_id: int):
    group, perms = _licensing_group(request.user, group_id)
    context = {
        "group": group,
        "counts": code_counts(group) if VIEW_CODES in perms else None,
        "can_buy": BUY in perms,
        "can_view_codes": VIEW_CODES in perms,
        "can_view_transactions": VIEW_TRANSACTIONS in perms,
    }
    return render(request, "licensing/company.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def buy(request, group_id: int):
    group, _perms = _licensing_group(request.user, group_id, BUY)
    form = BuyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        product = get_object_or_404(Product, code=PRODUCT_CODE, active=True)
        try:
            cart_set(
                group=group,
                product=product,
                quantity=form.cleaned_data["quantity"],
                actor=request.user,
            )
        except BillingError as error:
            form.add_error("quantity", error.message)
        else:
            return redirect("billing:checkout", group_id=group.pk)
    return render(request, "licensing/buy.html", {"group": group, "form": form})


@login_required
@require_GET
def codes(request, group_id: int):
    group, perms = _licensing_group(request.user, group_id, VIEW_CODES)
    state = request.GET.get("state", "")
    counts = code_counts(group)
    page, rows = code_page(group, state, request.GET.get("page"), counts, CODES_PER_PAGE)
    context = {
        "group": group,
        "page": page,
        "rows": rows,
        "rows_html": rows_html(rows, csrf_input(request)),
        "state": state,
        "state_options": state_options(state),
        "counts": counts,
    }
    return render(request, "licensing/codes.html", context)


@login_required
@require_POST
def code_notes(request, group_id: int, code_id: int):
    group, _perms = _licensing_group(request.user, group_id, VIEW_CODES)
    code = get_object_or_404(
        LicenceCode.objects.select_related("application__applicant", "application__certification"),
        pk=code_id,
        group=group,
    )
    form = CodeNotesForm(request.POST, instance=code, prefix=f"c{code.pk}")
    if form.is_valid():
        services.code_notes_save(
            code=code,
            assigned_to=form.cleaned_data["assigned_to"],
            assigned_on=form.cleaned_data["assigned_on"],
            actor=request.user,
        )
        saved = True
    else:
        saved = False
    if request.htmx:
        row = code_row(group, code)
        row.update(saved=saved, error=not saved, invalid=bool(form["assigned_on"].errors))
        return HttpResponse(rows_html([row], csrf_input(request)))
    if saved:
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Enter a valid date."))
    return redirect("licensing:codes", group_id=group.pk)


class _Echo:
    def write(self, value):
        return value


@login_required
@require_GET
def codes_csv(request, group_id: int):
    group, _perms = _licensing_group(request.user, group_id, VIEW_CODES)
    writer = csv.writer(_Echo())
    header = [
        _("Code"),
        _("State"),
        _("Assigned to (name)"),
        _("Assignment date"),
        _("Employee"),
        _("E-mail"),
        _("Certification"),
        _("Progress"),
        _("Redeemed"),
    ]

    def rows():
        yield "\ufeff" + writer.writerow(header)
        for code in group_codes(group).iterator(chunk_size=2000):
            application = code.application
            yield writer.writerow(
                [
                    code.display,
                    code.get_state_display(),
                    code.assigned_to,
                    code.assigned_on.isoformat() if code.assigned_on else "",
                    application.applicant.display_name if application else "",
                    application.applicant.email if application else "",
                    application.certification.name if application else "",
                    application.get_state_display() if application else "",
                    code.redeemed_at.date().isoformat() if code.redeemed_at else "",
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="licences-{group.pk}.csv"'
    return response


# --- Employee -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def intro_course(request):
    if request.method == "POST":
        services.intro_course_complete(user=request.user)
        messages.success(request, _("Introductory course completed. You can now apply."))
        return redirect("licensing:apply")
    intro = IntroCourseCompletion.objects.filter(user=request.user).first()
    return render(
        request,
        "licensing/intro_course.html",
        {"intro": intro, "certifications": list(certifications())},
    )


@login_required
@require_http_methods(["GET", "POST"])
def apply(request):
    if not IntroCourseCompletion.objects.filter(user=request.user).exists():
        messages.info(request, _("Complete the free introductory course before applying."))
        return redirect("licensing:intro_course")
    form = ApplicationForm(request.POST or None, request.FILES or None)
    posted_code = request.method == "POST" and form.is_valid() and form.cleaned_data["code"]
    # Counted before the code is looked at; given back if it works.
    ip = get_adapter(request).get_client_ip(request)
    attempt = services.code_attempt(user=request.user, ip=ip) if posted_code else None
    if attempt is not None and attempt.wait:
        form.add_error("code", wait_message(attempt.wait))
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_submit(
                applicant=request.user,
                certification=form.cleaned_data["certification"],
                documents=form.documents(),
                code=form.cleaned_data["code"],
            )
        except LicensingError as error:
            form.add_error(None, error.message)
        else:
            if attempt is not None:
                attempt.give_back()
            messages.success(request, _("Your application was sent to the certification office."))
            return redirect("licensing:application", application_id=application.pk)
    return render(request, "licensing/apply.html", {"form": form})


def _application_context(request, application, **extra):
    from django.contrib.contenttypes.models import ContentType

    from portal.models import PrivateFile

    return {
        "application": application,
        "code": LicenceCode.objects.filter(application=application).first(),
        "documents": list(
            PrivateFile.objects.filter(
                attached_type=ContentType.objects.get_for_model(Application),
                attached_id=str(application.pk),
            ).order_by("created_at")
        ),
        "history": list(audit_history(application)),
        "redeem_form": RedeemForm(),
        "resubmit_form": ResubmitForm(),
        **extra,
    }


@login_required
@require_GET
def application_detail(request, application_id: int):
    application = _own_application(request.user, application_id)
    return render(request, "licensing/application.html", _application_context(request, application))


@login_required
@require_POST
def redeem(request, application_id: int):
    application = _own_application(request.user, application_id)
    form = RedeemForm(request.POST)
    typed = form.cleaned_data["code"] if form.is_valid() else ""
    # Counted before the code is looked at; given back if it works.
    ip = get_adapter(request).get_client_ip(request)
    attempt = services.code_attempt(user=request.user, ip=ip) if typed else None
    if attempt is not None and attempt.wait:
        form.add_error("code", wait_message(attempt.wait))
    elif attempt is not None:
        try:
            services.code_redeem(application=application, typed=typed, actor=request.user)
        except LicensingError as error:
            form.add_error("code", error.message)
        else:
            attempt.give_back()
            messages.success(request, _("Code redeemed: your course and exam are unlocked."))
            return redirect("licensing:application", application_id=application.pk)
    application.refresh_from_db()
    return render(
        request,
        "licensing/application.html",
        _application_context(request, application, redeem_form=form),
        status=400,
    )


@login_required
@require_POST
def resubmit(request, application_id: int):
    application = _own_application(request.user, application_id)
    form = ResubmitForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            documents = [form.cleaned_data["document"]] if form.cleaned_data["document"] else []
            services.application_resubmit(
                application=application, actor=request.user, documents=documents
            )
            messages.success(request, _("Your application was sent again."))
        except LicensingError as error:
            messages.error(request, error.message)
        return redirect("licensing:application", application_id=application.pk)
    return render(
        request,
        "licensing/application.html",
        _application_context(request, application, resubmit_form=form),
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def course(request, application_id: int):
    application = _own_application(request.user, application_id)
    S = Application.State
    if application.state not in {S.REDEEMED, S.COURSE_COMPLETED, S.EXAM_FAILED, S.CERTIFIED}:
        messages.error(request, _("The course opens once a licence code is redeemed."))
        return redirect("licensing:application", application_id=application.pk)
    if request.method == "POST":
        try:
            services.course_complete(application=application, actor=request.user)
            messages.success(
                request, _("Course completed. The office will record your exam result.")
            )
        except LicensingError as error:
            messages.error(request, error.message)
        return redirect("licensing:application", application_id=application.pk)
    return render(request, "licensing/course.html", {"application": application})


# --- Certification office -----------------------------------------------------------------


def _office(user) -> None:
    if user.staff_role != "certification_office":
        raise Http404


@login_required
@require_GET
def staff_exams(request):
    _office(request.user)
    page, rows = exam_page(request.GET.get("page"))
    context = {"page": page, "rows": rows, "csrf_input": csrf_input(request)}
    return render(request, "licensing/staff_exams.html", context)


@login_required
@require_POST
def staff_exam_record(request, application_id: int):
    _office(request.user)
    application = get_object_or_404(Application, pk=application_id)
    form = ExamForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose passed or failed."))
        return redirect("licensing:staff_exams")
    try:
        services.exam_record(
            application=application,
            passed=form.cleaned_data["result"] == "pass",
            actor=request.user,
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("The exam result was recorded."))
    except LicensingError as error:
        messages.error(request, error.message)
    return redirect("licensing:staff_exams")
