"""Memberships (C5): joining, deciding, roles, removal, and the last-manager rule.

Every change that could leave a group without an active manager locks the group row first
(`select_for_update`), so two concurrent requests are decided one after the other.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.errors import CoreError
from portal.models import Group, Membership
from portal.notify import notify
from portal.roles import MANAGER, roles_for_service
from portal.services.audit import audit_record
from portal.services.permissions import sync_member_permissions
from portal.system_text import is_system_text, render_system_text

Status = Membership.Status


def _lock_group(group: Group) -> Group:
    return Group.objects.select_for_update().get(pk=group.pk)


def _lock_membership(membership: Membership) -> Membership:
    return (
        Membership.objects.select_for_update().select_related("group", "user").get(pk=membership.pk)
    )


def group_managers(group: Group):
    return Membership.objects.filter(
        group=group, status=Status.ACTIVE, roles__contains=[MANAGER]
    ).select_related("user")


def _refuse_if_last_manager(membership: Membership) -> None:
    """Call with the group row locked."""
    if MANAGER not in membership.roles or membership.status != Status.ACTIVE:
        return
    others = group_managers(membership.group).exclude(pk=membership.pk)
    if not others.exists():
        raise CoreError(
            _("A group always needs a principal manager: name another one before this change.")
        )


def _set_status(membership: Membership, status: str, actor, verb: str, note: str = "") -> None:
    previous = membership.status
    membership.status = status
    membership.decided_by = actor
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    sync_member_permissions(membership)
    audit_record(
        actor=actor,
        subject=membership.group,
        verb=verb,
        from_state=previous,
        to_state=status,
        note=note,
        data={"member": membership.user.email, "membership": membership.pk},
    )


@transaction.atomic
def membership_request_join(*, user, group: Group, message: str | dict = "") -> Membership:
    """`message` is what the applicant typed, or words the system composed (system_text)."""
    message_key = message if is_system_text(message) else None
    if isinstance(message, dict):
        message = render_system_text(message, settings.LANGUAGE_CODE)
    if group.status != Group.Status.ACTIVE:
        raise CoreError(_("This group is not open to requests."))
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user,
                group=group,
                status=Status.REQUESTED,
                message=message,
                message_key=message_key,
            )
    except IntegrityError:
        raise CoreError(
            _("You are already a member of this group or your request is waiting.")
        ) from None
    audit_record(
        actor=user,
        subject=group,
        verb="membership.requested",
        to_state=Status.REQUESTED,
        data={"member": user.email, "membership": membership.pk},
    )
    for manager in group_managers(group):
        notify(manager.user, "membership_requested", {"membership": membership, "group": group})
    return membership


@transaction.atomic
def membership_approve(*, membership: Membership, actor, roles: list[str] | None = None) -> None:
    membership = _lock_membership(membership)
    if membership.status != Status.REQUESTED:
        raise CoreError(_("This request has already been decided."))
    membership.roles = _valid_roles(roles or [], membership.group)
    membership.save(update_fields=["roles", "updated_at"])
    _set_status(membership, Status.ACTIVE, actor, "membership.approved")
    notify(membership.user, "membership_approved", {"group": membership.group})


@transaction.atomic
def membership_refuse(*, membership: Membership, actor, note: str = "") -> None:
    membership = _lock_membership(membership)
    if membership.status != Status.REQUESTED:
        raise CoreError(_("This request has already been decided."))
    _set_status(membership, Status.REFUSED, actor, "membership.refused", note)
    notify(membership.user, "membership_refused", {"group": membership.group, "note": note})


def _valid_roles(roles: list[str], group: Group) -> list[str]:
    allowed = {role.key for role in roles_for_service(group.service)}
    unknown = set(roles) - allowed
    if unknown:
        raise CoreError(_("Unknown role: %(roles)s") % {"roles": ", ".join(sorted(unknown))})
    return sorted(set(roles))


@transaction.atomic
def membership_set_roles(*, membership: Membership, roles: list[str], actor) -> None:
    _lock_group(membership.group)
    membership = _lock_membership(membership)
    if membership.status != Status.ACTIVE:
        raise CoreError(_("Roles can only be given to active members."))
    new_roles = _valid_roles(roles, membership.group)
    if MANAGER in membership.roles and MANAGER not in new_roles:
        _refuse_if_last_manager(membership)
    previous = membership.roles
    membership.roles = new_roles
    membership.save(update_fields=["roles", "updated_at"])
    sync_member_permissions(membership)
    audit_record(
        actor=actor,
        subject=membership.group,
        verb="membership.roles_changed",
        from_state=",".join(previous),
        to_state=",".join(new_roles),
        data={"member": membership.user.email, "membership": membership.pk},
    )


@transaction.atomic
def membership_remove(*, membership: Membership, actor) -> None:
    _lock_group(membership.group)
    membership = _lock_membership(membership)
    if membership.status != Status.ACTIVE:
        raise CoreError(_("This person is not an active member."))
    _refuse_if_last_manager(membership)
    verb = "membership.left" if actor.pk == membership.user_id else "membership.removed"
    _set_status(membership, Status.REMOVED, actor, verb)


@transaction.atomic
def membership_join_by_code(*, user, group: Group) -> Membership:
    """Join straight away, with no permission (permits' PIN). Idempotent for a member."""
    _lock_group(group)
    existing = Membership.objects.filter(
        user=user, group=group, status__in=[Status.ACTIVE, Status.REQUESTED]
    ).first()
    if existing and existing.status == Status.ACTIVE:
        return existing
    if existing:
        membership = existing
        membership.roles = []
        membership.save(update_fields=["roles", "updated_at"])
    else:
        membership = Membership.objects.create(user=user, group=group, status=Status.REQUESTED)
    _set_status(membership, Status.ACTIVE, user, "membership.joined_by_code")
    return membership


@transaction.atomic
def membership_activate_creator(*, membership: Membership, actor) -> None:
    """The creator of an approved organisation or group becomes its principal manager."""
    membership = _lock_membership(membership)
    if membership.status != Status.REQUESTED:
        return
    membership.roles = [MANAGER]
    membership.save(update_fields=["roles", "updated_at"])
    _set_status(membership, Status.ACTIVE, actor, "membership.approved")


@transaction.atomic
def user_deactivate(*, user, actor) -> None:
    """Suspend an account: refused while it is the last manager of a group."""
    _refuse_for_any_last_manager(user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        subject=user,
        verb="account.deactivated",
        from_state="active",
        to_state="inactive",
    )


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete an account: refused while it is the last manager of a group."""
    _refuse_for_any_last_manager(user)
    user.delete()


def _refuse_for_any_last_manager(user) -> None:
    managed = Membership.objects.filter(user=user, status=Status.ACTIVE, roles__contains=[MANAGER])
    # Lock the groups in a fixed order so concurrent calls cannot deadlock.
    list(Group.objects.select_for_update().filter(pk__in=managed.values("group_id")).order_by("pk"))
    for membership in managed.select_related("group"):
        _refuse_if_last_manager(membership)
