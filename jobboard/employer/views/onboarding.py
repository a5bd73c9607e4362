"""The job site's employer entry and the onboarding tabs (J1): thin views over
services_onboarding; each tab saves and the flow resumes where the user left it."""

from allauth.account.views import SignupView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.adapter import SIGNUP_NEXT_KEY, remember_signup_next
from jobboard.contact import CONTACT_EMAIL
from jobboard.employer import services as onboarding
from jobboard.employer.forms import (
    NEW_GROUP,
    AboutYouForm,
    CompanyFieldsForm,
    CompanySearchForm,
    EmployerSignupForm,
    NewCompanyForm,
)
from jobboard.employer.models import EmployerApplication
from jobboard.employer.queries import employer_groups, search_rows
from jobboard.errors import JobboardError
from portal.models import Group, Organisation
from portal.models.organisations import group_label

Path = EmployerApplication.Path
TABS = [
    ("company", "jobboard:onboarding_company"),
    ("details", "jobboard:onboarding_details"),
    ("about", "jobboard:onboarding_about"),
    ("confirm", "jobboard:onboarding_confirm"),
]


@require_GET
def home(request):
    """The job site's landing; the employer entry: create an account, sign in, or go on."""
    context: dict = {"groups": [], "application": None}
    if request.user.is_authenticated:
        context["groups"] = employer_groups(request.user)
        context["application"] = onboarding.application_current(request.user)
    return render(request, "jobboard/employer/home.html", context)


class EmployerSignup(SignupView):
    """allauth's sign-up, with the professional e-mail rule; then the onboarding starts."""

    form_class = EmployerSignupForm
    template_name = "jobboard/employer/signup.html"

    def get_form_class(self):
        return EmployerSignupForm

    def form_valid(self, form):
        response = super().form_valid(form)
        onboarding.application_start(user=self.user)
        if SIGNUP_NEXT_KEY not in self.request.session:
            # Once the e-mail is confirmed and the user signed in: the request's tabs.
            remember_signup_next(self.request, reverse("jobboard:onboarding"))
        return response


signup = EmployerSignup.as_view()


def _draft_or_redirect(request):
    """(application, None) while it is being filled in; else (None, a redirect). A GET reads
    (an unsaved blank request if none yet); a POST starts or resumes it."""
    if request.method == "POST":
        try:
            return onboarding.application_start(user=request.user), None
        except JobboardError as error:
            refusal = error.message
    else:
        refusal = onboarding.application_refusal(request.user)
        if not refusal:
            return onboarding.application_draft(request.user), None
    messages.error(request, refusal)
    return None, redirect("jobboard:employer_home")


def _pending(application: EmployerApplication) -> bool:
    membership = application.membership
    return membership is not None and membership.status == "requested"


def _tabs_context(application: EmployerApplication, current: str) -> dict:
    done = {
        "company": application.organisation_id is not None or application.path == Path.NEW_COMPANY,
        "details": application.company_confirmed,
        "about": application.about_done,
        "confirm": False,
    }
    return {
        "application": application,
        "tabs": [
            {"key": key, "url": reverse(url), "current": key == current, "done": done[key]}
            for key, url in TABS
        ],
    }


@login_required
@require_GET
def onboarding_start(request):
    """Where the user left off: the status once sent, else the first tab not done."""
    current = onboarding.application_current(request.user)
    if current is not None and current.state == EmployerApplication.State.SUBMITTED:
        context = {"application": current, "pending": _pending(current)}
        context["groups"] = employer_groups(request.user)
        return render(request, "jobboard/employer/onboarding/status.html", context)
    application, refused = _draft_or_redirect(request)
    if refused:
        return refused
    if application.organisation_id is None and application.path != Path.NEW_COMPANY:
        return redirect("jobboard:onboarding_company")
    if not application.company_confirmed:
        return redirect("jobboard:onboarding_details")
    if not application.about_done:
        return redirect("jobboard:onboarding_about")
    return redirect("jobboard:onboarding_confirm")


@login_required
@require_http_methods(["GET", "POST"])
def onboarding_company(request):
    """Tab 1: find the company by keyword or NEQ; choose one (POST)."""
    application, refused = _draft_or_redirect(request)
    if refused:
        return refused
    if request.method == "POST":
        organisation_id = request.POST.get("organisation", "")
        if not organisation_id.isdigit():
            raise Http404
        organisation = get_object_or_404(
            Organisation, pk=organisation_id, status=Organisation.Status.ACTIVE
        )
        onboarding.application_choose_company(application=application, organisation=organisation)
        return redirect("jobboard:onboarding_details")
    form = CompanySearchForm(request.GET or None)
    rows, searched = [], False
    if form.is_valid() and form.cleaned_data["q"]:
        searched = True
        rows = search_rows(form.cleaned_data["q"])
    context = {**_tabs_context(application, "company"), "form": form, "rows": rows}
    context["searched"] = searched
    return render(request, "jobboard/employer/onboarding/company.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def onboarding_details(request):
    """Tab 2: validate the chosen company's mandatory fields (or type a new company's)."""
    application, refused = _draft_or_redirect(request)
    if refused:
        return refused
    new_company = request.GET.get("new") == "1" or (
        application.path == Path.NEW_COMPANY and application.organisation_id is None
    )
    if not new_company and application.organisation_id is None:
        messages.info(request, _("Find your company first."))
        return redirect("jobboard:onboarding_company")
    form_class = NewCompanyForm if new_company else CompanyFieldsForm
    form = form_class(request.POST or None, instance=application)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        onboarding.application_save_company(
            application=application, data=data, new_company=new_company
        )
        return redirect("jobboard:onboarding_about")
    context = {**_tabs_context(application, "details"), "form": form, "new_company": new_company}
    return render(request, "jobboard/employer/onboarding/details.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def onboarding_about(request):
    """Tab 3: about you, and the group: an existing one or a new one."""
    application, refused = _draft_or_redirect(request)
    if refused:
        return refused
    if not application.company_confirmed:
        return redirect("jobboard:onboarding_details")
    groups = (
        list(onboarding.joinable_groups(application.organisation))
        if application.organisation is not None
        else []
    )
    new_label = (
        _("A new group (the regulator approves it; you become its principal manager)")
        if groups or application.organisation is not None
        else _("A new group in the new company (you become its principal manager)")
    )
    initial = {
        "phone": application.phone or request.user.phone,
        "phone_extension": application.phone_extension,
        "job_title": application.job_title,
        "group": str(application.group_id) if application.group_id else NEW_GROUP,
    }
    if groups and not application.group_id and not application.about_done:
        initial["group"] = str(groups[0].pk)
    form = AboutYouForm(
        request.POST or None, initial=initial, groups=groups, new_group_label=new_label
    )
    if request.method == "POST" and form.is_valid():
        try:
            onboarding.application_save_about(
                application=application,
                phone=form.cleaned_data["phone"],
                phone_extension=form.cleaned_data["phone_extension"],
                job_title=form.cleaned_data["job_title"],
                group=form.chosen_group(),
            )
        except JobboardError as error:
            form.add_error(None, error.message)
        else:
            return redirect("jobboard:onboarding_confirm")
    context = {**_tabs_context(application, "about"), "form": form, "groups": groups}
    return render(request, "jobboard/employer/onboarding/about.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def onboarding_confirm(request):
    """Tab 4: review everything and send; then the request awaits approval."""
    application, refused = _draft_or_redirect(request)
    if refused:
        return refused
    missing = onboarding.missing_steps(application)
    if request.method == "POST":
        try:
            onboarding.application_submit(application=application)
        except JobboardError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your request is awaiting approval."))
            return redirect("jobboard:onboarding")
    context = {
        **_tabs_context(application, "confirm"),
        "missing": missing,
        "contact_email": CONTACT_EMAIL,
        "new_group_name": group_label(
            onboarding.next_group_name(application.organisation)
            if application.organisation is not None
            else Group.DEFAULT_NAME
        ),
    }
    return render(request, "jobboard/employer/onboarding/confirm.html", context)
