"""Organisations and groups (C3, C4): requests to create them, and staff decisions."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from portal.errors import CoreError
from portal.models import Group, Membership, Organisation, Review
from portal.service_registry import get_service
from portal.services.audit import audit_record
from portal.services.memberships import membership_activate_creator
from portal.services.reviews import review_open

ORGANISATION_REQUEST = "portal.organisation_request"
GROUP_REQUEST = "portal.group_request"


def _creator_membership(group: Group) -> Membership:
    return Membership.objects.select_related("user").get(
        group=group, status=Membership.Status.REQUESTED
    )


@transaction.atomic
def organisation_request(*, user, organisation: Organisation, service: str) -> Organisation:
    """A new organisation with its default group, waiting for the service's office staff.
    The requester becomes principal manager once it is approved."""
    staff_role = get_service(service).staff_role
    if not staff_role:
        raise CoreError(_("This service does not take organisation requests."))
    if (
        organisation.registry_number
        and Organisation.objects.filter(
            registry_number=organisation.registry_number, imported=False
        ).exists()
    ):
        raise CoreError(
            _(
                "An organisation with this registry number already exists: "
                "ask to join one of its groups."
            )
        )
    organisation.status = Organisation.Status.PENDING
    organisation.save()
    group = Group.objects.create(
        organisation=organisation,
        name=Group.DEFAULT_NAME,
        service=service,
        status=Group.Status.PENDING,
    )
    Membership.objects.create(user=user, group=group, status=Membership.Status.REQUESTED)
    audit_record(
        actor=user,
        subject=organisation,
        verb="organisation.requested",
        to_state=Organisation.Status.PENDING,
    )
    review_open(
        kind=ORGANISATION_REQUEST,
        subject=organisation,
        applicant=user,
        staff_role=staff_role,
        # Names only: the kind's label is shown beside it, in the reader's language.
        summary=organisation.legal_name,
    )
    return organisation


@transaction.atomic
def group_request(*, user, organisation: Organisation, name: str, service: str) -> Group:
    """A new group in an existing organisation, waiting for the service's office staff."""
    staff_role = get_service(service).staff_role
    if not staff_role:
        raise CoreError(_("This service does not take group requests."))
    if organisation.status != Organisation.Status.ACTIVE:
        raise CoreError(_("This organisation is not open to requests."))
    if Group.objects.filter(organisation=organisation, name__iexact=name.strip()).exists():
        raise CoreError(_("This organisation already has a group with that name."))
    group = Group.objects.create(
        organisation=organisation, name=name.strip(), service=service, status=Group.Status.PENDING
    )
    Membership.objects.create(user=user, group=group, status=Membership.Status.REQUESTED)
    audit_record(actor=user, subject=group, verb="group.requested", to_state=Group.Status.PENDING)
    review_open(
        kind=GROUP_REQUEST,
        subject=group,
        applicant=user,
        staff_role=staff_role,
        summary=str(group),
    )
    return group


@transaction.atomic
def organisation_resubmit(*, organisation: Organisation, user) -> Review:
    """After staff asked for changes: the applicant's edits go back to the same inbox."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.status != Organisation.Status.PENDING:
        raise CoreError(_("Only a request awaiting approval can be sent again."))
    last = Review.objects.filter(kind=ORGANISATION_REQUEST, subject_id=organisation.pk).latest(
        "created_at"
    )
    audit_record(
        actor=user,
        subject=organisation,
        verb="organisation.resubmitted",
        from_state=last.state,
        to_state=Review.State.OPEN,
    )
    return review_open(
        kind=ORGANISATION_REQUEST,
        subject=organisation,
        applicant=user,
        staff_role=last.staff_role,
        summary=last.summary_key or last.summary,
    )


def _set_organisation_status(organisation: Organisation, status: str, actor, note: str) -> None:
    previous = organisation.status
    organisation.status = status
    organisation.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        subject=organisation,
        verb=f"organisation.{status}",
        from_state=previous,
        to_state=status,
        note=note,
    )


# Review callbacks (registered in PortalConfig.ready). They run inside review_decide's
# transaction, with the review row locked.


def on_organisation_approved(*, review: Review, actor, note: str) -> None:
    organisation = Organisation.objects.select_for_update().get(pk=review.subject_id)
    _set_organisation_status(organisation, Organisation.Status.ACTIVE, actor, note)
    for group in organisation.groups.filter(status=Group.Status.PENDING):
        _group_approved(group, actor, note)


def on_organisation_refused(*, review: Review, actor, note: str) -> None:
    organisation = Organisation.objects.select_for_update().get(pk=review.subject_id)
    _set_organisation_status(organisation, Organisation.Status.REFUSED, actor, note)
    for group in organisation.groups.filter(status=Group.Status.PENDING):
        _group_refused(group, actor, note)


def on_group_approved(*, review: Review, actor, note: str) -> None:
    _group_approved(Group.objects.select_for_update().get(pk=review.subject_id), actor, note)


def on_group_refused(*, review: Review, actor, note: str) -> None:
    _group_refused(Group.objects.select_for_update().get(pk=review.subject_id), actor, note)


def _group_approved(group: Group, actor, note: str) -> None:
    group.status = Group.Status.ACTIVE
    group.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        subject=group,
        verb="group.approved",
        from_state=Group.Status.PENDING,
        to_state=Group.Status.ACTIVE,
        note=note,
    )
    membership_activate_creator(membership=_creator_membership(group), actor=actor)


def _group_refused(group: Group, actor, note: str) -> None:
    group.status = Group.Status.REFUSED
    group.save(update_fields=["status", "updated_at"])
    Membership.objects.filter(group=group, status=Membership.Status.REQUESTED).update(
        status=Membership.Status.REFUSED, decided_by=actor
    )
    audit_record(
        actor=actor,
        subject=group,
        verb="group.refused",
        from_state=Group.Status.PENDING,
        to_state=Group.Status.REFUSED,
        note=note,
    )
