"""Employer onboarding (J1) and the regulator's free-mail list: every write, one transaction
each, audited. The requests themselves go through the core (membership_request_join,
group_request, organisation_request); this module saves each tab and submits."""

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobboard.employer.models import (
    EmployerApplication,
    EmployerGroupProfile,
    EmployerPerson,
    FreeMailDomain,
)
from jobboard.errors import JobboardError
from portal.errors import CoreError
from portal.lib.typography import label_colon
from portal.models import Group, Membership, Organisation
from portal.notify import notify
from portal.roles import MANAGER
from portal.services.audit import audit_record
from portal.services.memberships import membership_request_join
from portal.services.organisations import group_request, organisation_request
from portal.system_text import in_each_language, register_messages, system_text

SERVICE = "jobboard"
State = EmployerApplication.State
Path = EmployerApplication.Path
# The company fields a user validates when joining an existing company (J1).
COMPANY_FIELDS = (
    "legal_name",
    "street_address",
    "city",
    "province",
    "country",
    "postal_code",
    "company_phone",
)


# --- Free-mail domains -----------------------------------------------------------------------


def email_domain(email: str) -> str:
    return email.rsplit("@", 1)[-1].strip().lower().rstrip(".")


def is_free_mail(email: str) -> bool:
    """A free-mail domain or one of its subdomains (mail.yahoo.fr counts as yahoo.fr)."""
    domain = email_domain(email)
    parts = domain.split(".")
    candidates = [".".join(parts[i:]) for i in range(len(parts) - 1)]
    return FreeMailDomain.objects.filter(domain__in=candidates).exists()


def free_mail_refusal() -> str:
    return _(
        "An employer account needs your professional e-mail address: addresses of public "
        "webmail services (Gmail, Hotmail, Outlook, Yahoo, Vidéotron…) are not accepted."
    )


@transaction.atomic
def free_mail_domain_add(*, domain: str, actor) -> FreeMailDomain:
    domain = domain.strip().lower()
    entry, created = FreeMailDomain.objects.get_or_create(domain=domain)
    if not created:
        raise JobboardError(_("This domain is already on the list."))
    audit_record(actor=actor, subject=entry, verb="jobboard.free_mail_added", to_state=domain)
    return entry


@transaction.atomic
def free_mail_domain_remove(*, entry: FreeMailDomain, actor) -> None:
    audit_record(
        actor=actor, subject=entry, verb="jobboard.free_mail_removed", from_state=entry.domain
    )
    entry.delete()


# --- Onboarding ------------------------------------------------------------------------------


def application_current(user) -> EmployerApplication | None:
    """The user's request being filled in, or else their latest submitted one."""
    return (
        EmployerApplication.objects.filter(user=user)
        .select_related("organisation", "group", "membership__group__organisation")
        .order_by("state", "-created_at")  # "draft" sorts before "submitted"
        .first()
    )


def application_refusal(user) -> str | None:
    """Why this user may not start a request: a free-mail sign-in, or one already waiting."""
    if is_free_mail(user.email):
        return free_mail_refusal()
    if Membership.objects.filter(
        user=user, group__service=SERVICE, status=Membership.Status.REQUESTED
    ).exists():
        return _("Your request is awaiting approval: you will get an e-mail.")
    return None


def application_draft(user) -> EmployerApplication:
    """The request being filled in, or an unsaved blank one (pages read it without writing)."""
    draft = EmployerApplication.objects.filter(user=user, state=State.DRAFT).first()
    return draft or EmployerApplication(user=user, phone=user.phone, country="Canada")


@transaction.atomic
def application_start(*, user) -> EmployerApplication:
    """Start (or resume) the onboarding; refused for a free-mail sign-in address."""
    refusal = application_refusal(user)
    if refusal:
        raise JobboardError(refusal)
    application = (
        EmployerApplication.objects.select_for_update().filter(user=user, state=State.DRAFT).first()
    )
    if application is None:
        application = EmployerApplication.objects.create(
            user=user, phone=user.phone, country="Canada"
        )
        audit_record(actor=user, subject=application, verb="jobboard.application_started")
    return application


def _lock(application: EmployerApplication) -> EmployerApplication:
    locked = EmployerApplication.objects.select_for_update().get(pk=application.pk)
    if locked.state != State.DRAFT:
        raise JobboardError(_("This request has already been sent."))
    return locked


def jobboard_groups(organisation: Organisation):
    return organisation.groups.filter(service=SERVICE, status=Group.Status.ACTIVE).order_by("name")


def joinable_groups(organisation: Organisation):
    """The groups a request can join: those with an active principal manager to approve it.
    A company without users has none, so the applicant asks for a new group, which the
    regulator approves (the seed: « Si aucun·e utilisateur·trice n'est lié·e à cette
    entreprise, vous rejoindrez un Nouveau groupe en tant que Responsable principal·e »)."""
    managers = Membership.objects.filter(
        group=OuterRef("pk"), status=Membership.Status.ACTIVE, roles__contains=[MANAGER]
    )
    return jobboard_groups(organisation).filter(Exists(managers))


def group_is_joinable(group: Group) -> bool:
    return joinable_groups(group.organisation).filter(pk=group.pk).exists()


NO_MANAGER = gettext_lazy(
    "This group has no principal manager to approve your request: ask for a new group "
    "instead (the regulator approves it)."
)


@transaction.atomic
def application_choose_company(
    *, application: EmployerApplication, organisation: Organisation
) -> EmployerApplication:
    """Tab 1: the company found by the search. Its record pre-fills the fields to validate."""
    application = _lock(application)
    application.organisation = organisation
    application.path = Path.JOIN_GROUP if joinable_groups(organisation).exists() else Path.NEW_GROUP
    application.group = None
    application.legal_name = organisation.legal_name
    application.operating_name = organisation.operating_name
    application.registry_number = organisation.registry_number
    application.street_address = organisation.street_address
    application.city = organisation.city
    application.province = organisation.province
    application.postal_code = organisation.postal_code
    application.company_phone = organisation.phone
    application.website = organisation.website
    application.company_confirmed = False
    application.save()
    return application


@transaction.atomic
def application_save_company(
    *, application: EmployerApplication, data: dict, new_company: bool
) -> EmployerApplication:
    """Tab 2: the company's mandatory fields, validated (existing) or typed (new company)."""
    application = _lock(application)
    if new_company:
        application.organisation = None
        application.group = None
        application.path = Path.NEW_COMPANY
    elif application.organisation is None:
        raise JobboardError(_("Find your company first."))
    for name, value in data.items():
        setattr(application, name, value)
    application.company_confirmed = True
    application.save()
    return application


@transaction.atomic
def application_save_about(
    *,
    application: EmployerApplication,
    phone: str,
    phone_extension: str,
    job_title: str,
    group: Group | None,
) -> EmployerApplication:
    """Tab 3: about you, and the group to join (None: a new group)."""
    application = _lock(application)
    if application.path != Path.NEW_COMPANY:
        if group is not None and group.organisation_id != application.organisation_id:
            raise JobboardError(_("Choose a group of this company."))
        if group is not None and not group_is_joinable(group):
            raise JobboardError(str(NO_MANAGER))
        application.group = group
        application.path = Path.JOIN_GROUP if group is not None else Path.NEW_GROUP
    application.phone = phone
    application.phone_extension = phone_extension
    application.job_title = job_title
    application.about_done = True
    application.save()
    return application


def missing_steps(application: EmployerApplication) -> list[str]:
    missing = []
    if application.path != Path.NEW_COMPANY and application.organisation is None:
        missing.append(_("Find your company."))
    if not application.company_confirmed or any(
        not getattr(application, name) for name in COMPANY_FIELDS
    ):
        missing.append(_("Validate the company's information."))
    if not application.about_done:
        missing.append(_("Fill in the “About you” tab."))
    return missing


def next_group_name(organisation: Organisation) -> str:
    """ "Group 001", or the next free number when the company already has groups."""
    taken = {name.lower() for name in organisation.groups.values_list("name", flat=True)}
    number = 1
    while f"group {number:03d}" in taken:
        number += 1
    return f"Group {number:03d}"


def _field_label(name: str) -> str:
    field = EmployerApplication._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))


register_messages(
    {
        "jobboard.claim_corrections": gettext_lazy(
            "%(claim)s — Corrections to the company record: %(changes)s"
        )
    }
)


def _claim_note(application: EmployerApplication) -> str | dict:
    """The applicant's words for the approver: function, phone, corrections to the record
    (the field names in the reader's language)."""
    phone = application.phone + (
        f" #{application.phone_extension}" if application.phone_extension else ""
    )
    claim = f"{application.job_title} · {phone}"
    organisation = application.organisation
    if organisation is None:
        return claim
    record = {
        "legal_name": organisation.legal_name,
        "street_address": organisation.street_address,
        "city": organisation.city,
        "province": organisation.province,
        "postal_code": organisation.postal_code,
        "company_phone": organisation.phone,
    }
    changed = [
        name
        for name, value in record.items()
        if (getattr(application, name) or "").strip() != (value or "").strip()
    ]
    if not changed:
        return claim
    return system_text(
        "jobboard.claim_corrections",
        claim=claim,
        changes=in_each_language(
            lambda: "; ".join(
                label_colon(_field_label(name), getattr(application, name)) for name in changed
            )
        ),
    )


def _fill_blank_record_fields(application: EmployerApplication) -> None:
    """An imported record may lack mandatory fields: the applicant's values fill the blanks
    only (a filled field is never overwritten; differences are shown to the approver)."""
    assert application.organisation_id is not None
    organisation = Organisation.objects.select_for_update().get(pk=application.organisation_id)
    pairs = {
        "street_address": application.street_address,
        "city": application.city,
        "province": application.province,
        "postal_code": application.postal_code,
        "phone": application.company_phone,
    }
    filled = [name for name, value in pairs.items() if not getattr(organisation, name) and value]
    for name in filled:
        setattr(organisation, name, pairs[name])
    if filled:
        organisation.save(update_fields=[*filled, "updated_at"])
        audit_record(
            actor=application.user,
            subject=organisation,
            verb="organisation.completed",
            data={"fields": filled},
        )


@transaction.atomic
def application_submit(*, application: EmployerApplication) -> EmployerApplication:
    """Tab 4: send the request. Joining a group waits for its principal manager; a new group
    or a new company waits for the regulator. The user is told it awaits approval."""
    application = _lock(application)
    missing = missing_steps(application)
    if missing:
        raise JobboardError(" ".join(missing))
    user = application.user
    note = _claim_note(application)
    try:
        if application.path == Path.JOIN_GROUP:
            assert application.group is not None
            if not group_is_joinable(application.group):
                raise JobboardError(str(NO_MANAGER))
            membership = membership_request_join(user=user, group=application.group, message=note)
        elif application.path == Path.NEW_GROUP:
            assert application.organisation is not None
            # Locks the company row: two requests at once get "Group 001" and "Group 002".
            _fill_blank_record_fields(application)
            group = group_request(
                user=user,
                organisation=application.organisation,
                name=next_group_name(application.organisation),
                service=SERVICE,
            )
            membership = Membership.objects.get(group=group, user=user)
            audit_record(actor=user, subject=group, verb="jobboard.application_note", note=note)
        else:
            organisation = organisation_request(
                user=user,
                organisation=Organisation(
                    kind=Organisation.Kind.COMPANY,
                    legal_name=application.legal_name,
                    operating_name=application.operating_name,
                    registry_number=application.registry_number,
                    street_address=application.street_address,
                    city=application.city,
                    province=application.province,
                    postal_code=application.postal_code,
                    phone=application.company_phone,
                    website=application.website,
                ),
                service=SERVICE,
            )
            membership = Membership.objects.get(group__organisation=organisation, user=user)
            audit_record(
                actor=user, subject=organisation, verb="jobboard.application_note", note=note
            )
    except CoreError as error:
        raise JobboardError(error.message) from None
    EmployerPerson.objects.update_or_create(
        user=user,
        defaults={
            "job_title": application.job_title,
            "phone_extension": application.phone_extension,
        },
    )
    if application.phone and user.phone != application.phone:
        user.phone = application.phone
        user.save(update_fields=["phone"])
    application.membership = membership
    application.state = State.SUBMITTED
    application.submitted_at = timezone.now()
    application.save(update_fields=["membership", "state", "submitted_at", "updated_at"])
    audit_record(
        actor=user,
        subject=application,
        verb="jobboard.application_submitted",
        from_state=State.DRAFT,
        to_state=State.SUBMITTED,
        data={"path": application.path, "membership": membership.pk},
    )
    notify(
        user,
        "jobboard_application_waiting",
        {"application": application, "group": membership.group},
    )
    return application


# --- Company information on postings (J2) ----------------------------------------------------


@transaction.atomic
def company_info_save(*, group: Group, group_fields: dict, profile_fields: dict, actor) -> None:
    """The principal manager's edit of what the group shows on its postings (audited)."""
    group = Group.objects.select_for_update().get(pk=group.pk)
    changed = []
    for name, value in group_fields.items():
        if getattr(group, name) != value:
            setattr(group, name, value)
            changed.append(name)
    if changed:
        group.save(update_fields=[*changed, "updated_at"])
    profile, _created = EmployerGroupProfile.objects.get_or_create(group=group)
    profile_changed = []
    for name, value in profile_fields.items():
        if getattr(profile, name) != value:
            setattr(profile, name, value)
            profile_changed.append(name)
    if profile_changed:
        profile.save(update_fields=[*profile_changed, "updated_at"])
    audit_record(
        actor=actor,
        subject=group,
        verb="jobboard.company_info_changed",
        data={"fields": changed + profile_changed},
    )


@transaction.atomic
def employer_person_save(
    *, user, first_name: str, last_name: str, phone: str, phone_extension: str, job_title: str
) -> None:
    """ "My profile": what a member may change about themselves (never the e-mail)."""
    user.first_name, user.last_name, user.phone = first_name, last_name, phone
    user.save(update_fields=["first_name", "last_name", "phone"])
    EmployerPerson.objects.update_or_create(
        user=user, defaults={"job_title": job_title, "phone_extension": phone_extension}
    )
    audit_record(actor=user, subject=user, verb="jobboard.profile_changed")
