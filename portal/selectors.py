"""Reads of the shared core used by several views, scoped to what the user may see, with a
fixed number of queries whatever the row count."""

import functools
import re

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Greatest

from portal.access import active_memberships, compile_memberships_query, read_compiled_memberships
from portal.models import AuditEvent, Group, Membership, Organisation, Review


def _registry_key(text: str) -> str:
    return re.sub(r"[\s-]", "", text)


def organisation_search(query: str, *, limit: int = 25) -> QuerySet[Organisation]:
    """Active organisations by registry number (exact) or name (trigram), each with whether it
    already has users and how many others share its registry number (imported duplicates)."""
    query = query.strip()
    active_members = Membership.objects.filter(
        group__organisation=OuterRef("pk"), status=Membership.Status.ACTIVE
    )
    same_number = (
        Organisation.objects.filter(registry_number=OuterRef("registry_number"))
        .exclude(pk=OuterRef("pk"))
        .exclude(registry_number="")
    )
    results = Organisation.objects.filter(status=Organisation.Status.ACTIVE).annotate(
        has_users=Exists(active_members), has_duplicates=Exists(same_number)
    )
    if not query:
        return results.none()
    key = _registry_key(query)
    if key.isdigit() and len(key) >= 6:
        return results.filter(registry_number=key).order_by("legal_name")[:limit]
    return (
        results.annotate(
            similarity=Greatest(
                TrigramWordSimilarity(query, "legal_name"),
                TrigramWordSimilarity(query, "operating_name"),
            )
        )
        .filter(
            Q(legal_name__trigram_word_similar=query)
            | Q(operating_name__trigram_word_similar=query)
            | Q(legal_name__icontains=query)
        )
        .order_by("-similarity", "legal_name")[:limit]
    )


def organisation_possible_duplicates(organisation: Organisation) -> QuerySet[Organisation]:
    """Other organisations with the same registry number or a very similar legal name."""
    condition = Q(legal_name__trigram_similar=organisation.legal_name)
    if organisation.registry_number:
        condition |= Q(registry_number=organisation.registry_number)
    return (
        Organisation.objects.filter(condition)
        .exclude(pk=organisation.pk)
        .order_by("legal_name")[:10]
    )


def user_memberships(user) -> list[Membership]:
    """Everything the user has in groups: active, waiting, refused (newest first); one query,
    compiled once per process (issue 19)."""
    return read_compiled_memberships(_user_memberships_sql(), user.pk)


@functools.cache
def _user_memberships_sql() -> tuple[str, tuple]:
    return compile_memberships_query(
        lambda user_id: (
            Membership.objects.filter(user_id=user_id)
            .exclude(status=Membership.Status.REMOVED)
            .select_related("group__organisation")
            .order_by("status", "-created_at")
        )
    )


def user_active_groups(user) -> list[Group]:
    """The group switcher: the memberships' groups (one query, shared with the access helpers
    for the rest of the request)."""
    return [m.group for m in active_memberships(user)]


def group_members(group: Group) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(group=group, status=Membership.Status.ACTIVE)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__email")
    )


def group_requests(group: Group) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(group=group, status=Membership.Status.REQUESTED)
        .select_related("user")
        .order_by("created_at")
    )


def organisation_groups(organisation: Organisation) -> QuerySet[Group]:
    return (
        organisation.groups.filter(status=Group.Status.ACTIVE)
        .annotate(
            member_count=Count(
                "memberships", filter=Q(memberships__status=Membership.Status.ACTIVE)
            )
        )
        .order_by("name")
    )


def staff_inbox(staff_roles) -> QuerySet[Review]:
    """Open reviews of the given offices (one key or several), oldest first."""
    roles = [staff_roles] if isinstance(staff_roles, str) else list(staff_roles)
    return (
        Review.objects.filter(staff_role__in=roles, state=Review.State.OPEN)
        .select_related("applicant", "subject_type")
        .order_by("created_at", "pk")
    )


def audit_history(subject, *, limit: int = 100) -> QuerySet[AuditEvent]:
    from django.contrib.contenttypes.models import ContentType

    return (
        AuditEvent.objects.filter(
            subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
        )
        .select_related("actor")
        .order_by("-created_at", "-pk")[:limit]
    )
