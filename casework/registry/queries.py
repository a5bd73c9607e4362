"""Reads of the registries: searches, the duplicate check, the ministry's queue and the
access log. Each list runs a fixed number of queries whatever the row count."""

import datetime
from types import SimpleNamespace

from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from casework import names
from casework.registry.models import (
    Client,
    ClientAccess,
    ClientProvider,
    Consent,
    DuplicateSuspicion,
    Employer,
    EmployerYearForm,
    Provider,
    ServicePoint,
)
from portal.models import Group
from portal.roles import MANAGER

# Names at least this similar (pg_trgm similarity, 0..1) with the same birth date stop a
# registration (S2); the sound key catches spellings trigrams miss ("Filip" / "Philippe").
NEAR_DUPLICATE_SIMILARITY = 0.45
SEARCH_LIMIT = 25
SEARCH_SIMILARITY = 0.3  # pg_trgm's default threshold, as the % operator uses


def swapped_birth_date(day: datetime.date) -> datetime.date | None:
    """The birth date with day and month swapped (a common typing error), if it exists."""
    if day.day > 12 or day.day == day.month:
        return None
    return datetime.date(day.year, day.day, day.month)


def client_search(
    *,
    name: str = "",
    birth_date: datetime.date | None = None,
    phone: str = "",
    email: str = "",
    group: Group | None = None,
    limit: int = SEARCH_LIMIT,
) -> list[Client]:
    """Clients matching every criterion given, best names first. Each has `similarity` and,
    with `group`, `served_here` (the group serves or served them: full file)."""
    clients = Client.objects.filter(merged_into__isnull=True)
    if not (name.strip() or birth_date or phone.strip() or email.strip()):
        return []
    if birth_date:
        clients = clients.filter(birth_date=birth_date)
    if phone.strip():
        clients = clients.filter(phone_key=names.phone_key(phone))
    if email.strip():
        clients = clients.filter(email=email.strip().lower())
    if name.strip():
        key = names.normalise(name)
        sound = names.sound_key(name)
        clients = clients.annotate(similarity=TrigramSimilarity("name_key", key))
        if birth_date:
            # A few hundred people share a birth date: compare their names one by one (the
            # birth-date index), rather than letting the planner walk the trigram index.
            close = Q(similarity__gte=SEARCH_SIMILARITY)
        else:
            # The trigram index, with word similarity (threshold 0.6): the typed name must
            # be close to a part of the registered one, so a shared first name alone does
            # not pull in thousands of rows.
            close = Q(name_key__trigram_word_similar=key)
        clients = clients.filter(close | Q(sound_key=sound))
        order = ["-similarity", "last_name", "first_name", "pk"]
    else:
        clients = clients.annotate(similarity=Value(1.0))
        order = ["last_name", "first_name", "pk"]
    if group is not None:
        clients = clients.annotate(
            served_here=Exists(ClientProvider.objects.filter(client=OuterRef("pk"), group=group))
        )
    return list(clients.order_by(*order)[:limit])


def client_exact_duplicate(first_name: str, last_name: str, birth_date) -> Client | None:
    return Client.objects.filter(
        merged_into__isnull=True,
        name_key=names.person_name_key(first_name, last_name),
        birth_date=birth_date,
    ).first()


def client_near_duplicates(
    first_name: str, last_name: str, birth_date: datetime.date, *, exclude: int | None = None
) -> list[Client]:
    """Registered clients that are likely the same person: a close or same-sounding name
    with the same birth date (or its day and month swapped)."""
    key = names.person_name_key(first_name, last_name)
    sound = names.sound_key(f"{first_name} {last_name}")
    dates = [birth_date] + [d for d in [swapped_birth_date(birth_date)] if d]
    candidates = (
        Client.objects.filter(merged_into__isnull=True, birth_date__in=dates)
        .annotate(similarity=TrigramSimilarity("name_key", key))
        .filter(Q(similarity__gte=NEAR_DUPLICATE_SIMILARITY) | Q(sound_key=sound))
    )
    if exclude:
        candidates = candidates.exclude(pk=exclude)
    return list(candidates.order_by("-similarity", "pk")[:10])


def registration_missing(client: Client) -> list[str]:
    """The registration steps a plan needs that the client's file lacks (S3, Q7, Q9):
    "income" (the income source) and "consent" (consent in force, with the signed form)."""
    missing = [] if client.income_source else ["income"]
    if not Consent.objects.filter(client=client, withdrawn_at__isnull=True).exists():
        missing.append("consent")
    return missing


def client_provider_names(client: Client) -> list[str]:
    return [
        str(g.organisation)
        for g in Group.objects.filter(casework_clients__client=client)
        .select_related("organisation")
        .order_by("organisation__legal_name")
    ]


def client_accesses(client: Client, *, limit: int = 50) -> QuerySet[ClientAccess]:
    return (
        ClientAccess.objects.filter(client=client)
        .select_related("user", "group__organisation")
        .order_by("-at")[:limit]
    )


ACCESS_LOG_COLUMNS = (
    "at",
    "last_at",
    "views",
    "client_id",
    "client__first_name",
    "client__middle_name",
    "client__last_name",
    "user_id",
    "user__first_name",
    "user__last_name",
    "user__email",
    "group_id",
    "group__organisation__operating_name",
    "group__organisation__legal_name",
)


def access_log() -> QuerySet:
    """The ministry's access log, newest first, as tuples of `ACCESS_LOG_COLUMNS` (paginated
    by the view, turned into the page's rows by `access_log_rows`)."""
    return ClientAccess.objects.order_by("-at", "-pk").values_list(*ACCESS_LOG_COLUMNS)


def access_log_rows(page_rows) -> list[SimpleNamespace]:
    """The page's lines with what the template prints: the client's and the user's names
    (Client.full_name, User.display_name: "" without a user) and the organisation
    (str(Organisation); None for the ministry)."""
    rows = []
    for (
        at, last_at, views, client_id, first, middle, last,
        user_id, user_first, user_last, email, group_id, operating, legal,
    ) in page_rows:  # fmt: skip
        rows.append(
            SimpleNamespace(
                at=at,
                last_at=last_at,
                views=views,
                client_id=client_id,
                client_name=" ".join(part for part in (first, middle, last) if part),
                user_name=(f"{user_first} {user_last}".strip() or email) if user_id else "",
                organisation=(operating or legal) if group_id else None,
            )
        )
    return rows


def duplicates_queue(status: str = DuplicateSuspicion.Status.OPEN) -> QuerySet[DuplicateSuspicion]:
    return (
        DuplicateSuspicion.objects.filter(status=status)
        .select_related("client", "similar_to", "reported_by", "reported_group__organisation")
        .order_by("created_at", "pk")
    )


def employer_search(
    *, query: str = "", city: str = "", limit: int = SEARCH_LIMIT
) -> list[Employer]:
    """Employers by business number (exact, normalised) or name (typo-tolerant), and city."""
    employers = Employer.objects.all()
    query = query.strip()
    if not (query or city.strip()):
        return []
    if city.strip():
        employers = employers.filter(city__iexact=city.strip())
    order = ["legal_name", "pk"]
    if query:
        number = names.business_number_key(query)
        key = names.normalise(query)
        condition = Q(business_number_key=number) if number else Q(pk__in=[])
        if key:
            condition |= Q(name_key__trigram_word_similar=key)
            employers = employers.annotate(
                similarity=Greatest(TrigramSimilarity("name_key", key), Value(0.0))
            )
            order = ["-similarity", *order]
        employers = employers.filter(condition)
    return list(_with_this_year_form(employers).order_by(*order)[:limit])


def _with_this_year_form(employers: QuerySet[Employer]) -> QuerySet[Employer]:
    this_year = timezone.localdate().year
    return employers.annotate(
        has_this_year_form=Exists(
            EmployerYearForm.objects.filter(employer=OuterRef("pk"), year=this_year)
        )
    )


def employer_with_form_status(pk) -> Employer | None:
    """The employer (with `has_this_year_form`), or None if `pk` names none."""
    try:
        return _with_this_year_form(Employer.objects.filter(pk=int(pk))).first()
    except (TypeError, ValueError):
        return None


def employer_close_names(legal_name: str, operating_name: str = "") -> list[Employer]:
    key = names.normalise(f"{legal_name} {operating_name}")
    if not key:
        return []
    return list(
        Employer.objects.annotate(similarity=TrigramSimilarity("name_key", key))
        .filter(similarity__gte=0.5)
        .order_by("-similarity", "pk")[:10]
    )


def providers() -> QuerySet[Provider]:
    return Provider.objects.select_related("group__organisation").order_by(
        "group__organisation__legal_name"
    )


def service_points(group: Group) -> QuerySet[ServicePoint]:
    return ServicePoint.objects.filter(group=group).order_by("name")


def user_casework_groups(user) -> list[Group]:
    """The provider groups the user is an active member of."""
    return list(
        Group.objects.filter(
            service="casework",
            memberships__user=user,
            memberships__status="active",
            casework_provider__isnull=False,
        )
        .select_related("organisation")
        .order_by("organisation__legal_name")
    )


def providers_with_counts() -> QuerySet[Provider]:
    return providers().annotate(
        point_count=Count("group__service_points", distinct=True),
        client_count=Count("group__casework_clients", distinct=True),
    )


def provider_managers(provider: Provider):
    return (
        provider.group.memberships.filter(status="active", roles__contains=[MANAGER])
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
