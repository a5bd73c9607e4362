"""Reads of operator matching, each with a fixed number of queries."""

from dataclasses import dataclass
from functools import partial
from typing import NamedTuple

from django.contrib.postgres.expressions import ArraySubquery
from django.core.paginator import Page
from django.db.models import (
    Exists,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.http import Http404
from django.utils import timezone

from credentials.models import Credential, CredentialClass, CredentialType, RegistryRecord
from matching.models import OperatorProfile, OwnerProfile, ProfileState, Region, SavedSearch
from matching.reference import reference
from portal.lib.compiled import CompiledQuery, instance
from portal.lib.paging import TOTAL, CountedPaginator
from portal.models import Group, Membership, Organisation


def eligible_credentials(
    *, credential_type=None, credential_class=None, today=None
) -> QuerySet[Credential]:
    """Credentials that count today: valid, not expired, and the registry holds the same
    record (type, number, class, expiry) as valid. Checked in the query, not only by the sweep.
    The type and class are objects or ids; `today` a date (a compiled query's stand-in)."""
    if today is None:
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
        qs = qs.filter(type_id=getattr(credential_type, "pk", credential_type))
    if credential_class is not None:
        qs = qs.filter(credential_class_id=getattr(credential_class, "pk", credential_class))
    return qs


def operator_search_queryset(
    *, region=None, credential_type=None, credential_class=None, days=(), shift=""
) -> QuerySet[OperatorProfile]:
    """M7: active, available operators holding an eligible credential of the type and class,
    working in the region on all the given days and the given shift."""
    type_classes: list[int] = []
    if credential_class is None and credential_type is not None:
        type_classes = list(
            CredentialClass.objects.filter(type=credential_type).values_list("pk", flat=True)
        )
    return _searchable(
        region=None if region is None else region.pk,
        days=sorted({int(d) for d in days}),
        credential_type=None if credential_type is None else credential_type.pk,
        credential_class=None if credential_class is None else credential_class.pk,
        type_classes=type_classes,
        shift=shift,
        today=timezone.localdate(),
    )


def _searchable(
    *, region, days, credential_type, credential_class, type_classes, shift, today
) -> QuerySet[OperatorProfile]:
    """The search's filters, given ids (or a compiled query's stand-ins): `type_classes` are
    the classes of `credential_type`, read only when no class is chosen."""
    qs = OperatorProfile.objects.filter(state=ProfileState.ACTIVE, available=True)
    if region is not None:
        qs = qs.filter(regions__contains=[region])
    if days:
        qs = qs.filter(days__contains=list(days))
    if credential_class is not None:
        qs = qs.filter(credential_classes__contains=[credential_class])
    elif credential_type is not None:
        qs = qs.filter(credential_classes__overlap=list(type_classes))
    if shift in ("day", "night"):
        qs = qs.filter(shift__in=[shift, "both"])
    elif shift == "both":
        qs = qs.filter(shift="both")
    # A scalar sub-query (not EXISTS): PostgreSQL evaluates it per candidate operator, after
    # the indexed filters above, instead of flattening it into a join planned from the
    # credentials side (which mis-estimates the registry match and scans every certificate).
    first_eligible = Subquery(
        eligible_credentials(
            credential_type=credential_type, credential_class=credential_class, today=today
        )
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
        .order_by(*SEARCH_ORDER)
    )


SEARCH_ORDER = ("-available_since", "pk")  # newest available first (an index's order)


class CappedPaginator(CountedPaginator):
    """Told a count of at most CAP + 1 rows: a wide search stays fast; the page says "more
    than"."""

    CAP = 1000

    @property
    def capped(self) -> bool:
        return self.count > self.CAP


@dataclass(frozen=True)
class SearchShape:
    """What a search's statement looks like: which criteria are given, and those that cannot
    be a compiled query's stand-in (the days and the type's classes are lists; a few values
    each). The region, the class and today's date are bound at each run."""

    region: bool
    days: tuple[int, ...]
    credential_type: int | None  # given without a class: its classes are in the statement
    type_classes: tuple[int, ...]
    credential_class: bool
    shift: str
    cap: int


# Compiled search statements, one per shape, bounded: the days' combinations times the shifts
# and types make thousands of possible shapes, of which a few dozen are used.
MAX_SEARCH_SHAPES = 200
_SEARCHES: dict[SearchShape, CompiledQuery] = {}


class Person(NamedTuple):
    email: str
    display_name: str


class Found(NamedTuple):
    """A result row: the operator's id, person, days, shift, regions' and certificates' ids
    (each certificate's class; its type is the class's)."""

    pk: int
    user: Person
    days: list[int]
    shift: str
    regions: list[int]
    classes: list[int]


def _search_rows(shape: SearchShape, *values) -> QuerySet:
    """The page's rows, each with its eligible certificates' classes (in the order they were
    added: the order the prefetch of the certificates gave, by their table's order, now said)
    and, last, the capped count of all the rows: one statement."""
    bound = iter(values)
    region = next(bound) if shape.region else None
    credential_class = next(bound) if shape.credential_class else None
    today = next(bound)
    qs = _searchable(
        region=region,
        days=shape.days,
        credential_type=shape.credential_type,
        credential_class=credential_class,
        type_classes=shape.type_classes,
        shift=shape.shift,
        today=today,
    )
    # Unordered: counting needs no sort, and stops after CAP + 1 rows.
    capped = Subquery(qs.order_by().values("pk")[: shape.cap + 1])
    classes = ArraySubquery(
        eligible_credentials(today=today)
        .filter(holder_id=OuterRef("user_id"))
        .order_by("pk")
        .values("credential_class_id")
    )
    return (
        qs.annotate(
            classes=classes,
            **{
                TOTAL: Func(
                    capped,
                    template="(SELECT COUNT(*) FROM %(expressions)s AS capped)",
                    output_field=IntegerField(),
                )
            },
        )
        .order_by(*SEARCH_ORDER)
        .values_list(
            "pk",
            "user__email",
            "user__first_name",
            "user__last_name",
            "days",
            "shift",
            "regions",
            "classes",
            TOTAL,
        )
    )


def search_page(
    *, region, credential_type, credential_class, days, shift, requested, per_page: int
) -> Page:
    """`CappedPaginator(rows, per_page).get_page(requested)` of a search (the form's cleaned
    values): one statement, rows and capped count together; a second one only for a page
    number past the end or below 1."""
    cap = CappedPaginator.CAP
    type_classes: tuple[int, ...] = ()
    if credential_class is None and credential_type is not None:
        # The form's type is one of the cached reference types: its classes are listed there.
        type_classes = tuple(
            c.pk for c in reference().water_classes if c.type_id == credential_type.pk
        )
    shape = SearchShape(
        region=region is not None,
        days=tuple(sorted({int(d) for d in days})),
        credential_type=(
            credential_type.pk if credential_type is not None and not credential_class else None
        ),
        type_classes=type_classes,
        credential_class=credential_class is not None,
        shift=shift if shift in ("day", "night", "both") else "",
        cap=cap,
    )
    values = [
        *([region.pk] if region is not None else []),
        *([credential_class.pk] if credential_class is not None else []),
        timezone.localdate(),
    ]
    query = _SEARCHES.get(shape)
    if query is None:
        if len(_SEARCHES) >= MAX_SEARCH_SHAPES:
            _SEARCHES.clear()
        query = _SEARCHES[shape] = CompiledQuery(
            partial(_search_rows, shape), arity=len(values), dates=1
        )

    def fetch(number: int) -> tuple[list[Found], int]:
        offset = (number - 1) * per_page
        rows = query.rows(*values, limit=per_page, offset=offset)
        total = rows[0][-1] if rows else 0
        # The capped count's rows only (a full last page may go past CAP + 1).
        return [_found(row) for row in rows[: max(total - offset, 0)]], total

    try:
        number = int(requested)
    except (TypeError, ValueError):
        number = 1  # as Paginator.get_page: not a number, the first page
    total = None
    if number >= 1:
        rows, total = fetch(number)
        paginator = CappedPaginator([], per_page, total)
        if number <= paginator.num_pages:  # page 1 of no rows too
            return Page(rows, number, paginator)
        if not rows:
            total = None  # past the end: count the rows
    # Past the end or below 1: the last page, as get_page answers.
    if total is None:
        rows, total = fetch(1)
    paginator = CappedPaginator([], per_page, total)
    if paginator.num_pages > 1:
        rows, total = fetch(paginator.num_pages)
    return Page(rows, paginator.num_pages, paginator)


def class_labels(ids: set[int], ref) -> dict[int, tuple[str, str]]:
    """Each class's (type name, class name) in the active language, from the cached reference
    lists; a class of a type no longer active is not listed there: one query reads those."""
    labels = {
        pk: (ref.class_by_id[pk].type.name, ref.class_by_id[pk].name)
        for pk in ids & ref.class_by_id.keys()
    }
    missing = ids - labels.keys()
    if missing:
        for class_ in CredentialClass.objects.filter(pk__in=missing).select_related("type"):
            labels[class_.pk] = (class_.type.name, class_.name)
    return labels


def _found(row: tuple) -> Found:
    pk, email, first_name, last_name, days, shift, regions, classes, _total = row
    name = f"{first_name} {last_name}".strip() or email  # User.display_name
    return Found(pk, Person(email, name), days, shift, regions, classes)


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


def _owner_profile_query(user_id) -> QuerySet[OwnerProfile]:
    return (
        OwnerProfile.objects.filter(
            Q(
                group__memberships__user_id=user_id,
                group__memberships__status=Membership.Status.ACTIVE,
            )
            | Q(
                group__memberships__user_id=user_id,
                group__memberships__status=Membership.Status.REQUESTED,
                group__status=Group.Status.PENDING,
            ),
            group__service="matching",
        )
        .select_related("group__organisation")
        .order_by("pk")[:1]
    )


# Every owner page checks it: built through the ORM, it cost more than running it (issue 19).
_OWNER_PROFILE = CompiledQuery(_owner_profile_query, 1)


def owner_profile_for_user(user) -> OwnerProfile | None:
    """The owner profile of a matching group the user belongs to: active members, and the
    creator of an organisation still waiting for approval. One query, with its group and
    organisation."""
    if not user.is_authenticated:
        return None
    rows = _OWNER_PROFILE.rows(user.pk)
    if not rows:
        return None
    objects = []
    at = 0
    for model in (OwnerProfile, Group, Organisation):
        width = len(model._meta.concrete_fields)
        objects.append(instance(model, rows[0][at : at + width]))
        at += width
    profile, group, organisation = objects
    Group.organisation.field.set_cached_value(group, organisation)
    OwnerProfile.group.field.set_cached_value(profile, group)
    OwnerProfile.group.field.remote_field.set_cached_value(group, profile)  # as select_related
    return profile


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
