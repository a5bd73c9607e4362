"""Every write of the permits service: contractor accounts, PINs, linked people and their
permissions, applications, documents, fees and inspections. One transaction each, an audit
entry, e-mails queued on commit (portal.notify)."""

import logging
import secrets
from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from permits import pins
from permits.models import (
    Application,
    ApplicationTemplate,
    ContractorAccount,
    Fee,
    Inspection,
    Payment,
    PinAttempt,
    RetiredPin,
)
from portal.files import private_file_store
from portal.lib.throttle import Throttle, take, wait_message
from portal.lib.transitions import Workflow
from portal.models import Group, Membership, Organisation, PrivateFile
from portal.notify import notify
from portal.roles import MANAGER
from portal.services.audit import audit_record
from portal.services.memberships import (
    group_managers,
    membership_join_by_code,
    membership_remove,
    membership_set_roles,
)

security_log = logging.getLogger("portal.security")

PIN_TRIES = 10

# Fee charged when an application is submitted, by type (cents, CAD).
FEE_SCHEDULE = {
    Application.Kind.BUILDING: 125_000,
    Application.Kind.DEMOLITION: 40_000,
    Application.Kind.POOL: 15_000,
    Application.Kind.SIGN: 20_000,
    Application.Kind.PLUMBING: 18_000,
}

# Allowed status changes (city staff and imports); a change not listed is refused.
TRANSITIONS: dict[str, set[str]] = {
    Application.Status.SUBMITTED: {Application.Status.IN_REVIEW, Application.Status.CLOSED},
    Application.Status.IN_REVIEW: {Application.Status.ISSUED, Application.Status.REFUSED},
    Application.Status.ISSUED: {Application.Status.CLOSED},
    Application.Status.REFUSED: set(),
    Application.Status.CLOSED: set(),
}
APPLICATION = Workflow(
    "application",
    TRANSITIONS,
    field="status",
    error=lambda: PermitsError(_("This application cannot change to that status now.")),
)
UPLOAD_STATUSES = {
    Application.Status.SUBMITTED,
    Application.Status.IN_REVIEW,
    Application.Status.ISSUED,
}
INSPECTION_STATUSES = {Application.Status.ISSUED}

ORGANISATION_FIELDS = ("legal_name", "operating_name")
ACCOUNT_FIELDS = (
    "tarion_number",
    "contact_name",
    "email",
    "phone",
    "street_address",
    "city",
    "province",
    "postal_code",
)
BANKING_FIELDS = (
    "account_holder",
    "institution_number",
    "transit_number",
    "account_last4",
    "city_customer_number",
)


class PermitsError(Exception):
    """A rule of the permits service refused the change; the message is shown to the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# PINs -------------------------------------------------------------------------------------


def save_with_fresh_pin(account: ContractorAccount, **save_kwargs) -> None:
    """Give the account a PIN no account holds or ever held; on a collision, draw again."""
    for _attempt in range(PIN_TRIES):
        pin = pins.generate()
        if RetiredPin.objects.filter(pin=pin).exists():
            continue
        account.pin = pin
        try:
            with transaction.atomic():
                account.save(**save_kwargs)
        except IntegrityError as error:
            if "pin" not in str(error):
                raise
            continue
        return
    raise PermitsError(_("No free PIN could be drawn; please try again."))


@transaction.atomic
def pin_regenerate(*, account: ContractorAccount, actor) -> ContractorAccount:
    account = ContractorAccount.objects.select_for_update().get(pk=account.pk)
    RetiredPin.objects.create(pin=account.pin, account=account)
    save_with_fresh_pin(account, update_fields=["pin", "updated_at"])
    audit_record(actor=actor, subject=account.group, verb="contractor.pin_regenerated")
    return account


# PIN guessing limits (P7), per 15 minutes: tries per person, and a high ceiling per client
# address, so that one person's mistakes never lock out an office behind one address. No
# counter per account: people typing an old PIN of an account must not lock out the
# newcomer who has its right one (issue 18); old-PIN tries are shown to its managers.
PIN_PER_USER = Throttle("permits-pin-user", limit=5, window=15 * 60)
PIN_PER_ADDRESS = Throttle("permits-pin-ip", limit=200, window=15 * 60)


def pin_link(*, user, typed: str, ip: str) -> ContractorAccount | None:
    """ "Associate" (P3, P7): join the account whose PIN was typed, with no permission.

    None for a wrong or old PIN. The try is counted before the PIN is looked at (atomic, so
    simultaneous tries in any number of web workers get no more than the limit checked); a
    right PIN gives it back. A throttled try raises PermitsError telling the person how long
    to wait, even when the PIN is right; it is recorded against that account so its managers
    see it."""
    attempt = take((PIN_PER_USER, user.pk), (PIN_PER_ADDRESS, ip or "-"))
    pin = pins.normalise(typed)
    account = (
        ContractorAccount.objects.select_related("group__organisation").filter(pin=pin).first()
        if pin
        else None
    )
    if account is not None and not attempt.wait:
        attempt.give_back()
        return _link(user=user, account=account)
    attributed = account
    outcome = PinAttempt.Outcome.THROTTLED if attempt.wait else PinAttempt.Outcome.WRONG
    if account is None and pin:
        retired = RetiredPin.objects.filter(pin=pin).select_related("account").first()
        if retired is not None:
            attributed = retired.account
            if not attempt.wait:
                outcome = PinAttempt.Outcome.RETIRED
    PinAttempt.objects.create(account=attributed, user=user, ip=ip or None, outcome=outcome)
    # Never the PIN itself in the log.
    security_log.warning(
        "permits pin refused outcome=%s user=%s ip=%s account=%s",
        outcome,
        user.pk,
        ip,
        attributed.pk if attributed else "-",
    )
    if attempt.wait:
        raise PermitsError(wait_message(attempt.wait))
    return None


@transaction.atomic
def _link(*, user, account: ContractorAccount) -> ContractorAccount:
    already = Membership.objects.filter(
        user=user, group=account.group, status=Membership.Status.ACTIVE
    ).exists()
    membership = membership_join_by_code(user=user, group=account.group)
    # The group row stays locked until this transaction ends (join_by_code locked it).
    if not group_managers(account.group).exists():
        # An account imported from the city's records has nobody yet: the first person to
        # link with the PIN the city e-mailed to the business becomes its manager.
        membership_set_roles(membership=membership, roles=[MANAGER], actor=user)
        audit_record(actor=user, subject=account.group, verb="contractor.claimed")
    elif not already:
        for manager in group_managers(account.group):
            if manager.user_id != user.pk:
                notify(manager.user, "permits_linked", {"account": account, "member": user})
    return account


# Contractor accounts ----------------------------------------------------------------------


@transaction.atomic
def contractor_register(*, user, details: dict) -> ContractorAccount:
    """P1: any client registers a contractor account, active at once; the creator becomes
    its manager with every permission ticked."""
    organisation = Organisation.objects.create(
        kind=Organisation.Kind.CONTRACTOR,
        status=Organisation.Status.ACTIVE,
        legal_name=details["legal_name"],
        operating_name=details.get("operating_name", ""),
        phone=details.get("phone", ""),
        street_address=details.get("street_address", ""),
        city=details.get("city", ""),
        province=details.get("province", ""),
        postal_code=details.get("postal_code", ""),
    )
    group = Group.objects.create(
        organisation=organisation,
        name=Group.DEFAULT_NAME,
        service="permits",
        status=Group.Status.ACTIVE,
        phone=details.get("phone", ""),
        contact_email=details.get("email", ""),
    )
    account = ContractorAccount(
        group=group, **{field: details.get(field, "") for field in ACCOUNT_FIELDS}
    )
    save_with_fresh_pin(account)
    audit_record(actor=user, subject=group, verb="contractor.registered", to_state="active")
    membership = membership_join_by_code(user=user, group=group)
    membership_set_roles(membership=membership, roles=[MANAGER], actor=user)
    return account


@transaction.atomic
def contractor_update(*, account: ContractorAccount, actor, details: dict) -> None:
    account = (
        ContractorAccount.objects.select_for_update()
        .select_related("group__organisation")
        .get(pk=account.pk)
    )
    organisation = account.group.organisation
    changed = []
    for field in ORGANISATION_FIELDS:
        if field in details and getattr(organisation, field) != details[field]:
            setattr(organisation, field, details[field])
            changed.append(field)
    for field in ACCOUNT_FIELDS:
        if field in details and getattr(account, field) != details[field]:
            setattr(account, field, details[field])
            changed.append(field)
    if not changed:
        return
    # The organisation carries the same phone and address as the account.
    for field in ("phone", "street_address", "city", "province", "postal_code"):
        setattr(organisation, field, getattr(account, field))
    organisation.save()
    account.save()
    audit_record(
        actor=actor, subject=account.group, verb="contractor.updated", data={"fields": changed}
    )


@transaction.atomic
def banking_update(*, account: ContractorAccount, actor, details: dict) -> None:
    account = ContractorAccount.objects.select_for_update().get(pk=account.pk)
    changed = [f for f in BANKING_FIELDS if getattr(account, f) != details.get(f, "")]
    for field in changed:
        setattr(account, field, details.get(field, ""))
    if changed:
        account.save(update_fields=[*changed, "updated_at"])
        # Which fields changed, never their values.
        audit_record(
            actor=actor,
            subject=account.group,
            verb="contractor.banking_updated",
            data={"fields": changed},
        )


# Linked accounts (P3, P4): through the core's membership services, which lock the group
# and refuse to leave it without a manager. One transaction for a whole action, so a
# refused row leaves every row as it was.


@transaction.atomic
def linked_set_roles(*, account: ContractorAccount, actor, wanted: dict[int, list[str]]) -> int:
    """Save the permission grid: `wanted` maps membership ids of this account to roles.
    Rows that gain Manage go first, so handing over management in one save works."""
    members = {
        m.pk: m
        for m in Membership.objects.filter(
            group=account.group, status=Membership.Status.ACTIVE, pk__in=list(wanted)
        ).select_related("user", "group")
    }
    changes = [
        (members[pk], sorted(set(roles)))
        for pk, roles in wanted.items()
        if pk in members and sorted(set(roles)) != sorted(members[pk].roles)
    ]
    changes.sort(key=lambda change: MANAGER not in change[1])
    for membership, roles in changes:
        membership_set_roles(membership=membership, roles=roles, actor=actor)
    return len(changes)


@transaction.atomic
def linked_remove(*, account: ContractorAccount, actor, membership_ids: list[int]) -> int:
    members = Membership.objects.filter(
        group=account.group, status=Membership.Status.ACTIVE, pk__in=membership_ids
    ).select_related("user", "group")
    count = 0
    for membership in members.order_by("pk"):
        membership_remove(membership=membership, actor=actor)
        count += 1
    return count


@transaction.atomic
def linked_clear_permissions(*, account: ContractorAccount, actor, membership_ids: list[int]):
    members = Membership.objects.filter(
        group=account.group, status=Membership.Status.ACTIVE, pk__in=membership_ids
    ).select_related("user", "group")
    count = 0
    for membership in members.order_by("pk"):
        if membership.roles:
            membership_set_roles(membership=membership, roles=[], actor=actor)
            count += 1
    return count


# Applications (P6) ------------------------------------------------------------------------


def _reference(application: Application) -> str:
    return f"P{application.created_at:%Y}-{application.pk:06d}"


@transaction.atomic
def application_submit(
    *, account: ContractorAccount, actor, kind: str, site_address: str, description: str = ""
) -> Application:
    application = Application.objects.create(
        account=account,
        reference=f"tmp-{secrets.token_hex(8)}",  # replaced below, once the id is known
        kind=kind,
        site_address=site_address,
        description=description,
        submitted_by=actor,
    )
    application.reference = _reference(application)
    application.save(update_fields=["reference"])
    Fee.objects.create(
        application=application,
        label=kind,
        amount_cents=FEE_SCHEDULE[Application.Kind(kind)],
    )
    audit_record(
        actor=actor, subject=application, verb="application.submitted", to_state="submitted"
    )
    return application


@transaction.atomic
def application_set_status(*, application: Application, actor, status: str, note: str = ""):
    application = Application.objects.select_for_update().get(pk=application.pk)
    APPLICATION.move(application, status, actor=actor, verb="application.status_changed", note=note)
    application.save(update_fields=["status", "updated_at"])
    if application.submitted_by is not None:
        notify(
            application.submitted_by,
            "permits_application_status",
            {"application": application, "note": note},
        )
    return application


@transaction.atomic
def application_upload(*, application: Application, actor, upload) -> PrivateFile:
    if application.status not in UPLOAD_STATUSES:
        raise PermitsError(_("Documents can no longer be added to this application."))
    stored = private_file_store(upload=upload, owner=actor, attach_to=application)
    audit_record(
        actor=actor,
        subject=application,
        verb="application.document_added",
        data={"file": stored.original_name},
    )
    return stored


@transaction.atomic
def fee_pay(*, fee: Fee, actor) -> Payment:
    """Record the payment of a fee, drawn on the account's saved banking information."""
    fee = Fee.objects.select_for_update().select_related("application__account").get(pk=fee.pk)
    if Payment.objects.filter(fee=fee).exists():
        raise PermitsError(_("This fee is already paid."))
    account = fee.application.account
    if not account.has_banking:
        raise PermitsError(_("Add banking information before paying."))
    payment = Payment.objects.create(
        fee=fee,
        amount_cents=fee.amount_cents,
        reference=f"{account.institution_number}-{account.transit_number}-****"
        f"{account.account_last4}",
        paid_by=actor,
    )
    audit_record(
        actor=actor,
        subject=fee.application,
        verb="application.fee_paid",
        data={"fee": str(fee), "amount_cents": fee.amount_cents},
    )
    return payment


@transaction.atomic
def inspection_request(
    *, application: Application, actor, kind: str, wanted_on: date, notes: str = ""
) -> Inspection:
    if application.status not in INSPECTION_STATUSES:
        raise PermitsError(_("Inspections can be requested once the permit is issued."))
    inspection = Inspection.objects.create(
        application=application, kind=kind, wanted_on=wanted_on, notes=notes, requested_by=actor
    )
    audit_record(
        actor=actor,
        subject=application,
        verb="application.inspection_requested",
        data={"inspection": kind, "wanted_on": wanted_on.isoformat()},
    )
    return inspection


@transaction.atomic
def template_save(
    *, account: ContractorAccount, actor, name: str, kind: str, description: str = ""
) -> ApplicationTemplate:
    template, _created = ApplicationTemplate.objects.update_or_create(
        account=account, name=name, defaults={"kind": kind, "description": description}
    )
    audit_record(actor=actor, subject=account.group, verb="contractor.template_saved")
    return template


@transaction.atomic
def template_delete(*, template: ApplicationTemplate, actor) -> None:
    audit_record(actor=actor, subject=template.account.group, verb="contractor.template_deleted")
    template.delete()
