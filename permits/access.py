"""Fetch and check together: the contractor account comes from the URL and is resolved
through the user's own active membership (404 otherwise); objects below it are fetched with
the account in the query."""

import logging

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404

from permits.models import Application, ApplicationTemplate, ContractorAccount, Fee
from portal.access import active_memberships, group_permissions
from portal.lib.compiled import CompiledQuery, instance
from portal.lib.request_memo import remembered
from portal.models import Group, GroupUserPermission, Membership

security_log = logging.getLogger("portal.security")


class AccountAccess:
    def __init__(self, account: ContractorAccount, membership: Membership, perms: set[str]):
        self.account = account
        self.membership = membership
        self.perms = perms

    def can(self, permission: str) -> bool:
        return permission in self.perms

    def require(self, permission: str) -> None:
        if permission not in self.perms:
            security_log.warning(
                "refused %s account=%s user=%s",
                permission,
                self.account.pk,
                self.membership.user_id,
            )
            raise PermissionDenied


def _account_query(account_id, user_id, group_type_id):
    """The account and the codenames of the user's permissions on its group: what guardian's
    `get_user_perms` reads (portal.access.group_permissions), in the same statement."""
    codenames = GroupUserPermission.objects.filter(
        user_id=user_id,
        content_object_id=OuterRef("group_id"),
        permission__content_type_id=group_type_id,
    ).values("permission__codename")
    return ContractorAccount.objects.filter(pk=account_id).annotate(perms=ArraySubquery(codenames))


_ACCOUNT = CompiledQuery(_account_query, 3)


def account_for_member(user, account_id: int) -> AccountAccess:
    """One statement besides the user's memberships, which the layout's group switcher reads
    anyway (portal.access.active_memberships, once per request)."""
    group_type = ContentType.objects.get_for_model(Group)  # cached by Django
    rows = _ACCOUNT.rows(account_id, user.pk, group_type.pk)
    account = instance(ContractorAccount, rows[0][:-1]) if rows else None
    membership = None
    if account is not None:
        membership = next(
            (m for m in active_memberships(user) if m.group_id == account.group_id), None
        )
    if account is None or membership is None:
        security_log.warning("refused contractor account=%s user=%s", account_id, user.pk)
        raise Http404
    group = membership.group
    account.group = group  # the same instance, with its organisation loaded
    if user.is_active and not user.is_superuser:
        perms = set(rows[0][-1])
        # Later helpers of this request asking for the same permissions read these.
        remembered(("group_permissions", user.pk, group.pk), lambda: frozenset(perms))
    else:  # guardian's other cases (none, or every permission): the core's helper
        perms = group_permissions(user, group)
    return AccountAccess(account, membership, perms)


def application_in_account(account: ContractorAccount, application_id) -> Application:
    return get_object_or_404(Application, pk=application_id, account=account)


def fee_in_account(account: ContractorAccount, fee_id) -> Fee:
    return get_object_or_404(
        Fee.objects.select_related("application"), pk=fee_id, application__account=account
    )


def template_in_account(account: ContractorAccount, template_id) -> ApplicationTemplate:
    return get_object_or_404(ApplicationTemplate, pk=template_id, account=account)
