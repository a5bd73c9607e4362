"""Reads of licensing, each with a fixed number of queries."""

import functools

from django.db import connection
from django.db.models import Count, Q, QuerySet

from credentials.models import CredentialType
from licensing.models import Application, LicenceCode
from portal.lib.compiled import CompiledQuery, instance
from portal.models import Group, Membership


def _code_counts(group_id: int) -> QuerySet:
    counts = {state: Count("pk", filter=Q(state=state)) for state in LicenceCode.State.values}
    return (
        LicenceCode.objects.filter(group_id=group_id)
        .values("group_id")
        .annotate(total=Count("pk"), **counts)
        .values_list("total", *counts)
        .order_by()
    )


# Compiled once per process: building the statement cost more CPU than running it, on the
# company page and the management table (issue 19).
_CODE_COUNTS = CompiledQuery(_code_counts, 1)


def code_counts(group: Group) -> dict[str, int]:
    """The group's codes: "total" and one count per state (by its value). One statement."""
    found = _CODE_COUNTS.rows(group.pk)
    row = found[0] if found else None
    names = ["total", *LicenceCode.State.values]
    return dict(zip(names, row or [0] * len(names), strict=True))


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
        .select_related("certification")
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


@functools.cache
def _application_summary_sql() -> str:
    from accounts.models import User

    columns = ", ".join(f'c."{f.column}"' for f in CredentialType._meta.concrete_fields)
    return (
        f"SELECT a.id, u.email, {columns} FROM {Application._meta.db_table} a"  # noqa: S608
        f" JOIN {CredentialType._meta.db_table} c ON c.id = a.certification_id"
        f" JOIN {User._meta.db_table} u ON u.id = a.applicant_id"
        " WHERE a.id = ANY(%s)"
    )


def application_summary_rows(ids: list[int]) -> dict[int, tuple[CredentialType, str]]:
    """The applications' certifications and applicants' e-mails, by application id: one
    statement written once per process (the inbox's summaries; building the ORM's query on
    every page cost more than running it, issue 19). None for no id."""
    if not ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(_application_summary_sql(), [list(set(ids))])
        rows = cursor.fetchall()
    return {row[0]: (instance(CredentialType, row[2:]), row[1]) for row in rows}
