"""Reads of licensing, each with a fixed number of queries."""

from django.db.models import Count, Q, QuerySet

from credentials.models import CredentialType
from licensing.models import Application, LicenceCode
from portal.models import Group, Membership


def code_counts(group: Group) -> dict[str, int]:
    S = LicenceCode.State
    return LicenceCode.objects.filter(group=group).aggregate(
        total=Count("pk"),
        unused=Count("pk", filter=Q(state=S.UNUSED)),
        in_use=Count("pk", filter=Q(state=S.IN_USE)),
        redeemed=Count("pk", filter=Q(state=S.REDEEMED)),
    )


def group_codes(group: Group, state: str = "") -> QuerySet[LicenceCode]:
    codes = LicenceCode.objects.filter(group=group)
    if state in LicenceCode.State.values:
        codes = codes.filter(state=state)
    return codes.select_related("application__applicant", "application__certification").order_by(
        "created_at", "id"
    )


def certifications() -> QuerySet[CredentialType]:
    return CredentialType.objects.filter(
        family=CredentialType.Family.MINE_SUPERVISOR,
        kind=CredentialType.Kind.CERTIFICATION,
        active=True,
    ).order_by("order", "code")


def my_applications(user) -> QuerySet[Application]:
    return (
        Application.objects.filter(applicant=user)
        .select_related("certification", "licence_code")
        .order_by("-created_at")
    )


def my_licensing_groups(user) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user, group__service="licensing")
        .exclude(status__in=[Membership.Status.REFUSED, Membership.Status.REMOVED])
        .select_related("group__organisation")
        .order_by("group__organisation__legal_name")
    )


def staff_exam_queue() -> QuerySet[Application]:
    S = Application.State
    return (
        Application.objects.filter(state__in=[S.REDEEMED, S.COURSE_COMPLETED, S.EXAM_FAILED])
        .select_related("applicant", "certification")
        .order_by("redeemed_at", "pk")
    )
