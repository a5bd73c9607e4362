"""Reads of the permits service, scoped to what the user may see, with a fixed number of
queries whatever the row count."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, QuerySet

from permits.models import Application, ContractorAccount, Fee, PinAttempt
from portal.lib.compiled import CompiledQuery
from portal.lib.paging import TOTAL, page_of, with_total
from portal.models import Membership, PrivateFile


def user_accounts(user) -> QuerySet[ContractorAccount]:
    """The contractor accounts the user is linked to (the dashboard's tab)."""
    return (
        ContractorAccount.objects.filter(
            group__memberships__user=user, group__memberships__status=Membership.Status.ACTIVE
        )
        .select_related("group__organisation")
        .order_by("group__organisation__legal_name", "pk")
    )


def _user_account_rows(user_id):
    return user_accounts(user_id).values(
        "pk", "phone", "group__organisation__legal_name", "group__organisation__operating_name"
    )


_USER_ACCOUNT_ROWS = CompiledQuery(_user_account_rows, 1)


def user_account_rows(user) -> list[dict]:
    """`user_accounts` as dicts of what the dashboard's tab shows."""
    return _USER_ACCOUNT_ROWS.dicts(user.pk)


def linked_members(account: ContractorAccount) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(group_id=account.group_id, status=Membership.Status.ACTIVE)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__email")
    )


def _linked_rows(group_id):
    return (
        Membership.objects.filter(group_id=group_id, status=Membership.Status.ACTIVE)
        .order_by("user__last_name", "user__first_name", "user__email")
        .values("pk", "roles", "user__first_name", "user__last_name", "user__email")
    )


_LINKED_ROWS = CompiledQuery(_linked_rows, 1)


def linked_rows(account: ContractorAccount) -> list[dict]:
    """`linked_members` as dicts of what the Linked accounts grid shows."""
    return _LINKED_ROWS.dicts(account.group_id)


def account_applications(account: ContractorAccount) -> QuerySet[Application]:
    unpaid = Fee.objects.filter(application=OuterRef("pk"), payment__isnull=True)
    return (
        Application.objects.filter(account=account)
        .select_related("submitted_by")
        .annotate(has_unpaid=Exists(unpaid), inspection_count=Count("inspections"))
        .order_by("-created_at", "-pk")
    )


def _applications_rows(account_id):
    unpaid = Fee.objects.filter(application=OuterRef("pk"), payment__isnull=True)
    return (
        with_total(Application.objects.filter(account_id=account_id))
        .annotate(has_unpaid=Exists(unpaid))
        .order_by("-created_at", "-pk")
        .values(
            "pk",
            "reference",
            "kind",
            "site_address",
            "status",
            "created_at",
            "imported",
            "submitted_by_id",
            "submitted_by__first_name",
            "submitted_by__last_name",
            "submitted_by__email",
            "has_unpaid",
            TOTAL,
        )
    )


_APPLICATIONS_ROWS = CompiledQuery(_applications_rows, 1)


def account_applications_page(account: ContractorAccount, requested):
    """The applications tab's page of rows (dicts), newest first, with its count."""
    return page_of(
        _APPLICATIONS_ROWS,
        (account.pk,),
        requested,
        dicts=True,
        count=Application.objects.filter(account=account).count,
    )


def _fees_rows(account_id):
    return (
        with_total(Fee.objects.filter(application__account_id=account_id))
        .order_by("-created_at", "-pk")
        .values(
            "pk",
            "label",
            "amount_cents",
            "application_id",
            "application__reference",
            "payment__id",
            "payment__paid_at",
            "payment__reference",
            "payment__paid_by_id",
            "payment__paid_by__first_name",
            "payment__paid_by__last_name",
            "payment__paid_by__email",
            TOTAL,
        )
    )


_FEES_ROWS = CompiledQuery(_fees_rows, 1)


def account_fees_page(account: ContractorAccount, requested):
    """The fees tab's page of rows (dicts), newest first, with its count."""
    return page_of(
        _FEES_ROWS,
        (account.pk,),
        requested,
        dicts=True,
        count=Fee.objects.filter(application__account=account).count,
    )


def application_documents(application: Application) -> QuerySet[PrivateFile]:
    return (
        PrivateFile.objects.filter(
            attached_type=ContentType.objects.get_for_model(Application),
            attached_id=str(application.pk),
        )
        .select_related("owner")
        .order_by("created_at")
    )


def failed_attempts(account: ContractorAccount, limit: int = 20) -> QuerySet[PinAttempt]:
    return (
        PinAttempt.objects.filter(account=account)
        .select_related("user")
        .order_by("-created_at")[:limit]
    )


def _attempt_rows(account_id):
    return (
        PinAttempt.objects.filter(account_id=account_id)
        .order_by("-created_at")
        .values(
            "created_at",
            "ip",
            "outcome",
            "user_id",
            "user__first_name",
            "user__last_name",
            "user__email",
        )
    )


_ATTEMPT_ROWS = CompiledQuery(_attempt_rows, 1)


def failed_attempt_rows(account: ContractorAccount, limit: int = 20) -> list[dict]:
    """`failed_attempts` as dicts of what Give access shows."""
    return _ATTEMPT_ROWS.dicts(account.pk, limit=limit)


def _city_application_rows(status=None):
    rows = Application.objects.all()
    if status is not None:
        rows = rows.filter(status=status)
    return (
        with_total(rows)
        .order_by("created_at", "pk")
        .values(
            "pk",
            "reference",
            "kind",
            "site_address",
            "status",
            "created_at",
            "account__group__organisation__legal_name",
            TOTAL,
        )
    )


_CITY_APPLICATION_ROWS = CompiledQuery(_city_application_rows, 0)
_CITY_APPLICATION_ROWS_IN_STATUS = CompiledQuery(_city_application_rows, 1)


def city_applications_page(status: str, requested):
    """Every application, oldest first, in one status when `status` is given."""
    if status:
        return page_of(
            _CITY_APPLICATION_ROWS_IN_STATUS,
            (status,),
            requested,
            dicts=True,
            count=Application.objects.filter(status=status).count,
        )
    return page_of(
        _CITY_APPLICATION_ROWS, (), requested, dicts=True, count=Application.objects.count
    )


def _city_attempt_rows():
    return (
        with_total(PinAttempt.objects.all())
        .order_by("-created_at")
        .values(
            "created_at",
            "ip",
            "outcome",
            "user__email",
            "account__group__organisation__legal_name",
            TOTAL,
        )
    )


_CITY_ATTEMPT_ROWS = CompiledQuery(_city_attempt_rows, 0)


def city_attempts_page(requested):
    """Every refused Associate, newest first."""
    return page_of(_CITY_ATTEMPT_ROWS, (), requested, dicts=True, count=PinAttempt.objects.count)
