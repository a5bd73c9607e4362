"""The group's information shown on postings (J2), "My profile" with the company's users,
and the regulator's free-mail list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.email_lock import email_lock_message
from accounts.models import StaffRole
from jobboard.employer import services as onboarding
from jobboard.employer.company import company_card, group_profile, missing_company_info
from jobboard.employer.forms import CompanyInfoForm, EmployerProfileForm, FreeMailDomainForm
from jobboard.employer.models import EmployerPerson, FreeMailDomain
from jobboard.employer.queries import company_members, role_labels
from jobboard.errors import JobboardError
from portal.access import group_for_manager, group_for_member, group_permissions
from portal.models import AuditEvent, Group
from portal.roles import MANAGE_GROUP
from portal.selectors import group_requests

USERS_PER_PAGE = 50


def _jobboard_group(user, group_id: int, *, manager: bool = False) -> Group:
    group, _membership = (group_for_manager if manager else group_for_member)(user, group_id)
    if group.service != "jobboard":
        raise PermissionDenied
    return group


def _company_initial(group: Group) -> dict:
    organisation = group.organisation
    profile = group_profile(group)

    def pick(name: str, fallback: str) -> str:
        return (getattr(profile, name) if profile else "") or fallback

    return {
        "company_name": pick(
            "company_name", organisation.operating_name or organisation.legal_name
        ),
        "display_group_name": pick("display_group_name", ""),
        "description": group.description,
        "website": group.website or organisation.website,
        "street_address": pick("street_address", organisation.street_address),
        "city": pick("city", organisation.city),
        "province": pick("province", organisation.province),
        "postal_code": pick("postal_code", organisation.postal_code),
        "phone": group.phone or organisation.phone,
        "company_description": pick("company_description", organisation.description),
    }


@login_required
@require_http_methods(["GET", "POST"])
def company(request, group_id: int):
    """ "My company": what each posting of the group shows. The principal manager edits it."""
    group = _jobboard_group(request.user, group_id, manager=request.method == "POST")
    can_edit = MANAGE_GROUP in group_permissions(request.user, group)
    form = None
    if can_edit:
        form = CompanyInfoForm(
            request.POST or None, request.FILES or None, initial=_company_initial(group)
        )
        if request.method == "POST" and form.is_valid():
            group_fields, profile_fields = form.split(group)
            onboarding.company_info_save(
                group=group,
                group_fields=group_fields,
                profile_fields=profile_fields,
                actor=request.user,
            )
            messages.success(request, _("The information shown on your postings was saved."))
            return redirect("jobboard:company", group_id=group.pk)
    group = Group.objects.select_related("organisation", "employer_profile").get(pk=group.pk)
    context = {
        "group": group,
        "card": company_card(group),
        "missing": missing_company_info(group),
        "form": form,
        "can_edit": can_edit,
        "waiting": group_requests(group).count() if can_edit else 0,
        "editing": request.method == "POST" or request.GET.get("edit") == "1",
    }
    return render(request, "jobboard/employer/company.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request, group_id: int):
    """ "My profile": one's own details (every role) and the company's users with role and
    group (the e-mail is the sign-in and is not editable here)."""
    group = _jobboard_group(request.user, group_id)
    user = request.user
    person = EmployerPerson.objects.filter(user=user).first()
    form = EmployerProfileForm(
        request.POST or None,
        initial={
            "first_name": user.first_name,
            "last_name": user.last_name,
            "phone": user.phone,
            "phone_extension": person.phone_extension if person else "",
            "job_title": person.job_title if person else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        onboarding.employer_person_save(user=user, **form.cleaned_data)
        messages.success(request, _("Your profile has been saved."))
        return redirect("jobboard:profile", group_id=group.pk)
    page = Paginator(company_members(group.organisation), USERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    labels = role_labels()
    rows = [
        {
            "membership": m,
            "roles": [labels.get(key, key) for key in m.roles],
            "job_title": getattr(getattr(m.user, "employer_person", None), "job_title", ""),
        }
        for m in page
    ]
    context = {
        "group": group,
        "form": form,
        "rows": rows,
        "page": page,
        "email_locked": email_lock_message(user),
    }
    return render(request, "jobboard/employer/profile.html", context)


def _regulator_only(user) -> None:
    if user.staff_role != StaffRole.REGULATOR:
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def free_mail_domains(request):
    """The regulator's list of free-mail domains refused for employer accounts (audited)."""
    _regulator_only(request.user)
    form = FreeMailDomainForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            onboarding.free_mail_domain_add(domain=form.cleaned_data["domain"], actor=request.user)
        except JobboardError as error:
            form.add_error("domain", error.message)
        else:
            messages.success(
                request, _("%(domain)s was added.") % {"domain": form.cleaned_data["domain"]}
            )
            return redirect("jobboard:free_mail_domains")
    page = Paginator(FreeMailDomain.objects.order_by("domain"), 100).get_page(
        request.GET.get("page")
    )
    history = (
        AuditEvent.objects.filter(verb__startswith="jobboard.free_mail_")
        .select_related("actor")
        .order_by("-created_at", "-pk")[:20]
    )
    context = {"form": form, "page": page, "history": list(history)}
    return render(request, "jobboard/employer/free_mail_domains.html", context)


@login_required
@require_POST
def free_mail_domain_delete(request, pk: int):
    _regulator_only(request.user)
    entry = get_object_or_404(FreeMailDomain, pk=pk)
    onboarding.free_mail_domain_remove(entry=entry, actor=request.user)
    messages.success(request, _("%(domain)s was removed.") % {"domain": entry.domain})
    return redirect("jobboard:free_mail_domains")
