"""Fetch and check together: the contractor account comes from the URL and is resolved
through the user's own active membership (404 otherwise); objects below it are fetched with
the account in the query."""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from permits.models import Application, ApplicationTemplate, ContractorAccount, Fee
from portal.access import group_permissions
from portal.models import Membership

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


def account_for_member(user, account_id: int) -> AccountAccess:
    membership = (
        Membership.objects.filter(
            user=user,
            status=Membership.Status.ACTIVE,
            group__contractor_account__pk=account_id,
        )
        .select_related("group__organisation", "group__contractor_account")
        .first()
    )
    if membership is None:
        security_log.warning("refused contractor account=%s user=%s", account_id, user.pk)
        raise Http404
    group = membership.group
    account = group.contractor_account
    account.group = group  # the same instance, with its organisation loaded
    return AccountAccess(account, membership, group_permissions(user, group))


def application_in_account(account: ContractorAccount, application_id) -> Application:
    return get_object_or_404(Application, pk=application_id, account=account)


def fee_in_account(account: ContractorAccount, fee_id) -> Fee:
    return get_object_or_404(
        Fee.objects.select_related("application"), pk=fee_id, application__account=account
    )


def template_in_account(account: ContractorAccount, template_id) -> ApplicationTemplate:
    return get_object_or_404(ApplicationTemplate, pk=template_id, account=account)
