"""Reads of operator matching, each with a fixed number of queries."""

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property

from credentials.models import Credential, CredentialClass, CredentialType, RegistryRecord
from matching.models import OperatorProfile, OwnerProfile, ProfileState, Region, SavedSearch
from matching.reference import reference
from portal.models import Group, Membership


def eligible_credentials(*, credential_type=None, credential_class=None) -> QuerySet[Credential]:
    """Credentials that count today: valid, not expired, and the registry holds the same
    record (type, number, class, expiry) as valid. Checked in the query, not only by the sweep."""
    today = timezone.localdate()
    registry = RegistryRecord.objects.filter(
        type_id=OuterRef("type_id"),
        number=OuterRef("number"),
        credential_class_id=OuterRef("credential_class_id"),
        expires_on=OuterRef("expires_on"),
        status=RegistryRecord.Status.VALID,
    )
    qs = Credential.objects.filter(
        status=Credential.Status.VALID,
        expires_on__gte=today,
        type__family=CredentialType.Family.WATER_OPERATOR,
    ).filter(Exists(registry))
    if credential_type is not None:
        qs = qs.filter(type=credential_type)
    if credential_class is not None:
        qs = qs.filter(credential_class=credential_class)
    return qs


def operator_search_queryset(
    *, region=None, credential_type=None, credential_class=None, days=(), shift=""
) -> QuerySet[OperatorProfile]:
    """M7: active, available operators holding an eligible credential of the type and class,
    working in the region on all the given days and the given shift."""
    qs = OperatorProfile.objects.filter(state=ProfileState.ACTIVE, available=True)
    if region is not None:
        qs = qs.filter(regions__contains=[region.pk])
    if days:
        qs = qs.filter(days__contains=sorted({int(d) for d in days}))
    if credential_class is not None:
        qs = qs.filter(credential_classes__contains=[credential_class.pk])
    elif credential_type is not None:
        qs = qs.filter(
            credential_classes__overlap=list(
                CredentialClass.objects.filter(type=credential_type).values_list("pk", flat=True)
            )
        )
    if shift in ("day", "night"):
        qs = qs.filter(shift__in=[shift, "both"])
    elif shift == "both":
        qs = qs.filter(shift="both")
    # A scalar sub-query (not EXISTS): PostgreSQL evaluates it per candidate operator, after
    # the indexed filters above, instead of flattening it into a join planned from the
    # credentials side (which mis-estimates the registry match and scans every certificate).
    first_eligible = Subquery(
        eligible_credentials(credential_type=credential_type, credential_class=credential_class)
        .filter(holder_id=OuterRef("user_id"))
        .values("pk")[:1]
    )
    return qs.alias(first_eligible=first_eligible).filter(first_eligible__isnull=False)


def operator_search_page(qs: QuerySet[OperatorProfile]) -> QuerySet[OperatorProfile]:
    """The rows of a result page with what the list shows: 2 queries for any page size."""
    return (
        qs.select_related("user")
        .prefetch_related(
            Prefetch(
                "user__credentials",
                queryset=eligible_credentials().select_related("type", "credential_class"),
                to_attr="eligible",
            )
        )
        .order_by("-available_since", "pk")
    )


class CappedPaginator(Paginator):
    """Counts at most CAP + 1 rows: a wide search stays fast; the page says "more than"."""

    CAP = 1000

    @cached_property
    def count(self) -> int:
        rows = self.object_list
        assert isinstance(rows, QuerySet)
        # Unordered: counting needs no sort, and stops after CAP + 1 rows.
        return rows.order_by()[: self.CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.CAP


def operator_for_owner(pk: int) -> OperatorProfile:
    """The detail page: only an operator who would be found by a search (404 otherwise)."""
    profile = (
        operator_search_queryset()
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "user__credentials",
                queryset=eligible_credentials().select_related("type", "credential_class"),
                to_attr="eligible",
            )
        )
        .filter(pk=pk)
        .first()
    )
    if profile is None:
        raise Http404
    return profile


def regions_by_id() -> dict[int, Region]:
    return reference().region_by_id  # cached reference list: no query


def owner_profile_for_user(user) -> OwnerProfile | None:
    """The owner profile of a matching group the user belongs to: active members, and the
    creator of an organisation still waiting for approval. One query."""
    if not user.is_authenticated:
        return None
    return (
        OwnerProfile.objects.filter(
            Q(
                group__memberships__user=user,
                group__memberships__status=Membership.Status.ACTIVE,
            )
            | Q(
                group__memberships__user=user,
                group__memberships__status=Membership.Status.REQUESTED,
                group__status=Group.Status.PENDING,
            ),
            group__service="matching",
        )
        .select_related("group__organisation")
        .order_by("pk")
        .first()
    )


def operator_profile_for_user(user) -> OperatorProfile | None:
    if not user.is_authenticated:
        return None
    return OperatorProfile.objects.filter(user=user).select_related("user").first()


def operator_credentials(profile: OperatorProfile) -> QuerySet[Credential]:
    return (
        Credential.objects.filter(holder_id=profile.user_id, type__family="water_operator")
        .select_related("type", "credential_class")
        .order_by("type__order", "credential_class__order", "pk")
    )


def manager_groups_without_owner(user) -> QuerySet[Group]:
    return Group.objects.filter(
        service="matching",
        status=Group.Status.ACTIVE,
        memberships__user=user,
        memberships__status=Membership.Status.ACTIVE,
        memberships__roles__contains=["manager"],
        owner_profile__isnull=True,
    ).select_related("organisation")


def saved_searches(owner: OwnerProfile) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(owner=owner)  # the list shows no related object


def registry_panel(profile: OperatorProfile) -> list[dict]:
    """Each claimed credential beside its registry record, with differences marked (staff
    panel). Two queries."""
    credentials = list(operator_credentials(profile))
    records = {
        (r.type_id, r.number): r
        for r in RegistryRecord.objects.filter(
            number__in=[c.number for c in credentials]
        ).select_related("type", "credential_class")
    }
    today = timezone.localdate()
    rows = []
    for credential in credentials:
        record = records.get((credential.type_id, credential.number))
        credential.holder = profile.user  # one holder: no query per row for the name check
        from credentials.services import credential_registry_mismatches

        live = credential_registry_mismatches(credential, record, today)
        if record is not None and profile.operator_id and record.operator_id != profile.operator_id:
            live.append("operator_id")
        rows.append({"claim": credential, "record": record, "mismatches": set(live)})
    return rows
