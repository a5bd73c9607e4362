"""Reads of the permits service, scoped to what the user may see, with a fixed number of
queries whatever the row count."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, QuerySet

from permits.models import Application, ContractorAccount, Fee, PinAttempt
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


def user_participates(user) -> bool:
    return Membership.objects.filter(
        user=user, status=Membership.Status.ACTIVE, group__service="permits"
    ).exists()


def linked_members(account: ContractorAccount) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(group_id=account.group_id, status=Membership.Status.ACTIVE)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__email")
    )


def account_applications(account: ContractorAccount) -> QuerySet[Application]:
    unpaid = Fee.objects.filter(application=OuterRef("pk"), payment__isnull=True)
    return (
        Application.objects.filter(account=account)
        .select_related("submitted_by")
        .annotate(has_unpaid=Exists(unpaid), inspection_count=Count("inspections"))
        .order_by("-created_at", "-pk")
    )


def account_fees(account: ContractorAccount) -> QuerySet[Fee]:
    return (
        Fee.objects.filter(application__account=account)
        .select_related("application", "payment__paid_by")
        .order_by("-created_at", "-pk")
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
