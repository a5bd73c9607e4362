"""Every write of the registries: providers and service points (S1), clients and their
profile (S2, S3, S7), employers and their yearly forms (S4), the access log (item 9) and the
ministry's duplicate review and merge. Keyword-only functions, one transaction each.

Hooks for the plans part of the app (casework/plans/services.py), so this package never
imports it:
- `register_merge_hook(fn)`: `fn(*, kept, merged, actor)` runs inside the merge transaction
  and moves the rows of models this module does not know (plans…) to the kept client.
- `register_active_plan_lookup(fn)`: `fn(client_ids) -> {client_id: "provider, service
  point"}` for clients with an active SJS plan, one query for all; "no" until registered.
- `client_provider_record(client=, group=, actor=)`: the plans part calls it when a plan
  opens, so the provider keeps full access to the file (`client_full_access`).
"""

import logging
from collections.abc import Callable, Iterable

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import StaffRole
from accounts.seats import seat_limit_set
from casework.errors import CaseworkError, NearDuplicates
from casework.notice_text import NOTICE_V1
from casework.registry import queries
from casework.registry.models import (
    SERVICE,
    Client,
    ClientAccess,
    ClientProvider,
    Consent,
    DuplicateSuspicion,
    EducationEntry,
    Employer,
    EmployerYearForm,
    EmploymentEntry,
    NoticeVersion,
    Provider,
    ServicePoint,
)
from casework.roles import PROVIDER_MANAGER
from portal.errors import CoreError
from portal.files import private_file_store
from portal.models import Group, Membership, Organisation
from portal.roles import MANAGER
from portal.services.audit import audit_record
from portal.services.memberships import (
    membership_approve,
    membership_request_join,
    membership_set_roles,
)

security_log = logging.getLogger("portal.security")

MergeHook = Callable[..., None]
ActivePlanLookup = Callable[[list[int]], dict[int, str]]
_merge_hooks: list[MergeHook] = []
_active_plan_lookups: list[ActivePlanLookup] = []


def register_merge_hook(fn: MergeHook) -> MergeHook:
    if fn not in _merge_hooks:
        _merge_hooks.append(fn)
    return fn


def register_active_plan_lookup(fn: ActivePlanLookup) -> ActivePlanLookup:
    if fn not in _active_plan_lookups:
        _active_plan_lookups.append(fn)
    return fn


def active_plans_for(client_ids: Iterable[int]) -> dict[int, str]:
    """Where each client has an active SJS plan ("provider, service point"); absent = none."""
    ids = list(client_ids)
    found: dict[int, str] = {}
    if not ids:
        return found
    for lookup in _active_plan_lookups:
        found.update(lookup(ids))
    return found


def is_ministry(user) -> bool:
    return bool(user.is_authenticated and user.staff_role == StaffRole.MINISTRY)


def client_full_access(user, client: Client, group: Group | None = None) -> bool:
    """The full file is for the ministry and for provider groups that serve or served the
    client (a ClientProvider row: registration, "serve this client", or a plan). With
    `group`, only that group of the user counts (the one in the URL)."""
    if is_ministry(user):
        return True
    if not user.is_authenticated:
        return False
    served = ClientProvider.objects.filter(
        client=client,
        group__memberships__user=user,
        group__memberships__status=Membership.Status.ACTIVE,
    )
    if group is not None:
        served = served.filter(group=group)
    return served.exists()


# --- Providers and service points (S1) -------------------------------------------------------


@transaction.atomic
def provider_create(
    *,
    actor,
    legal_name: str,
    seats: int,
    city: str = "",
    street_address: str = "",
    postal_code: str = "",
    phone: str = "",
) -> Provider:
    """The ministry creates a provider: an active Organisation of kind "service provider", its
    casework Group and the Provider row with its seat count."""
    organisation = Organisation.objects.create(
        kind=Organisation.Kind.SERVICE_PROVIDER,
        legal_name=legal_name,
        city=city,
        street_address=street_address,
        postal_code=postal_code,
        province="ON",
        phone=phone,
        status=Organisation.Status.ACTIVE,
    )
    group = Group.objects.create(
        organisation=organisation, service=SERVICE, status=Group.Status.ACTIVE
    )
    provider = Provider.objects.create(group=group, seats=seats, created_by=actor)
    seat_limit_set(organisation=organisation, seats=seats)  # S9: accounts counts the seats
    audit_record(actor=actor, subject=provider, verb="provider.created", data={"seats": seats})
    return provider


@transaction.atomic
def provider_set_seats(*, provider: Provider, seats: int, actor) -> None:
    previous = provider.seats
    provider.seats = seats
    provider.save(update_fields=["seats", "updated_at"])
    seat_limit_set(organisation=provider.group.organisation, seats=seats)
    audit_record(
        actor=actor,
        subject=provider,
        verb="provider.seats_changed",
        data={"from": previous, "to": seats},
    )


@transaction.atomic
def provider_add_manager(*, provider: Provider, user, actor) -> None:
    """The ministry names a provider's manager (its system specialist, Q14): the principal
    manager and provider manager roles, through the core's membership services (e-mailed)."""
    roles = [MANAGER, PROVIDER_MANAGER.key]
    group = provider.group
    membership = Membership.objects.filter(
        user=user, group=group, status__in=[Membership.Status.REQUESTED, Membership.Status.ACTIVE]
    ).first()
    try:
        if membership is None:
            membership = membership_request_join(user=user, group=group)
        if membership.status == Membership.Status.REQUESTED:
            membership_approve(membership=membership, actor=actor, roles=roles)
        else:
            membership_set_roles(
                membership=membership, roles=sorted({*membership.roles, *roles}), actor=actor
            )
    except CoreError as error:
        raise CaseworkError(error.message) from None
    audit_record(
        actor=actor, subject=provider, verb="provider.manager_named", data={"member": user.email}
    )


@transaction.atomic
def service_point_create(*, group: Group, actor, **fields) -> ServicePoint:
    try:
        with transaction.atomic():
            point = ServicePoint.objects.create(group=group, **fields)
    except IntegrityError:
        raise CaseworkError(_("Another service point already has this EO id.")) from None
    audit_record(actor=actor, subject=point, verb="service_point.created")
    return point


# --- Clients (S2, S3, S7) ---------------------------------------------------------------------


def client_provider_record(*, client: Client, group: Group, actor) -> bool:
    """The group serves the client from now on (full file). True if the row is new."""
    _row, created = ClientProvider.objects.get_or_create(
        client=client, group=group, defaults={"created_by": actor}
    )
    return created


# Namespace of the advisory locks taken per birth date (any constant unlikely elsewhere).
_BIRTH_DATE_LOCKS = 0x43570000


def _lock_birth_dates(born) -> None:
    """Two registrations of people born the same day (or on the swapped day and month) run
    one after the other, so each one's duplicate check sees the other (transaction lock)."""
    days = sorted({born, *[d for d in [queries.swapped_birth_date(born)] if d]})
    with connection.cursor() as cursor:
        for day in days:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s)", [_BIRTH_DATE_LOCKS + day.toordinal()]
            )


@transaction.atomic
def client_register(
    *,
    actor,
    group: Group,
    fields: dict,
    distinct_from: Iterable[Client] = (),
    reason: str = "",
) -> Client:
    """Register a client. An exact duplicate (same normalised name and birth date) is refused;
    near duplicates stop the registration (NearDuplicates) unless each was confirmed "a
    different person" with a reason: the pairs then go to the ministry's queue."""
    first, last, born = fields["first_name"], fields["last_name"], fields["birth_date"]
    _lock_birth_dates(born)
    if queries.client_exact_duplicate(first, last, born):
        raise CaseworkError(_("This person is already registered with this name and birth date."))
    confirmed = {c.pk for c in distinct_from}
    candidates = queries.client_near_duplicates(first, last, born)
    unconfirmed = [c for c in candidates if c.pk not in confirmed]
    if unconfirmed:
        raise NearDuplicates(
            _("People with a close name and the same birth date are already registered."),
            unconfirmed,
        )
    if confirmed and not reason.strip():
        raise CaseworkError(_("Say why this is a different person."))
    client = Client(created_by=actor, created_by_group=group, **fields)
    try:
        with transaction.atomic():
            client.save()
    except IntegrityError:  # the same person registered at the same moment elsewhere
        raise CaseworkError(
            _("This person is already registered with this name and birth date.")
        ) from None
    client_provider_record(client=client, group=group, actor=actor)
    for other in candidates:
        DuplicateSuspicion.objects.create(
            client=client,
            similar_to=other,
            reason=reason.strip(),
            reported_by=actor,
            reported_group=group,
        )
    audit_record(
        actor=actor,
        subject=client,
        verb="client.registered",
        data={"group": group.pk, "distinct_from": sorted(confirmed)},
        note=reason.strip(),
    )
    return client


@transaction.atomic
def client_serve(*, client: Client, group: Group, actor) -> None:
    """A provider starts serving an already registered client (picked among the candidates
    or found by search): it gets the full file from now on."""
    if client_provider_record(client=client, group=group, actor=actor):
        audit_record(actor=actor, subject=client, verb="client.served", data={"group": group.pk})


@transaction.atomic
def client_update(*, client: Client, actor, fields: dict) -> None:
    changed = [name for name, value in fields.items() if getattr(client, name) != value]
    if not changed:
        return
    for name in changed:
        setattr(client, name, fields[name])
    try:
        with transaction.atomic():
            client.save(update_fields=[*changed, "updated_at"])
    except IntegrityError:
        raise CaseworkError(
            _("Another client is already registered with this name and birth date.")
        ) from None
    audit_record(actor=actor, subject=client, verb="client.updated", data={"fields": changed})


@transaction.atomic
def client_set_income_source(*, client: Client, actor, income_source: str) -> None:
    previous = client.income_source
    client.income_source = income_source
    client.save(update_fields=["income_source", "updated_at"])
    audit_record(
        actor=actor,
        subject=client,
        verb="client.income_source_set",
        data={"from": previous, "to": income_source},
    )


@transaction.atomic
def client_verify_age(*, client: Client, actor) -> None:
    """The worker confirms they checked the client's age (S7, Q20): never enforced."""
    client.age_verified_at = timezone.now()
    client.age_verified_by = actor
    client.save(update_fields=["age_verified_at", "age_verified_by", "updated_at"])
    audit_record(actor=actor, subject=client, verb="client.age_verified", data={"age": client.age})


@transaction.atomic
def education_add(*, client: Client, actor, fields: dict) -> EducationEntry:
    entry = EducationEntry.objects.create(client=client, **fields)
    audit_record(actor=actor, subject=client, verb="client.education_added")
    return entry


@transaction.atomic
def education_remove(*, entry: EducationEntry, actor) -> None:
    client = entry.client
    entry.delete()
    audit_record(actor=actor, subject=client, verb="client.education_removed")


@transaction.atomic
def employment_add(*, client: Client, actor, fields: dict) -> EmploymentEntry:
    entry = EmploymentEntry.objects.create(client=client, **fields)
    audit_record(actor=actor, subject=client, verb="client.employment_added")
    return entry


@transaction.atomic
def employment_remove(*, entry: EmploymentEntry, actor) -> None:
    client = entry.client
    entry.delete()
    audit_record(actor=actor, subject=client, verb="client.employment_removed")


def notice_current() -> NoticeVersion:
    """The latest version of the notice. The migration stores version 1; it is stored again
    here if the table was emptied (a flushed test database)."""
    notice = NoticeVersion.objects.order_by("-version").first()
    if notice is None:
        notice, _created = NoticeVersion.objects.get_or_create(
            version=NOTICE_V1["version"], defaults=NOTICE_V1
        )
    return notice


@transaction.atomic
def consent_record(
    *, client: Client, group: Group, actor, notice: NoticeVersion, signed_on, upload
) -> Consent:
    """The consent was explained and signed in the worker's presence (Q9, Q10); the signed
    form is kept as a private file attached to the consent."""
    consent = Consent(
        client=client,
        notice=notice,
        group=group,
        signed_on=signed_on,
        explained_in_presence=True,
        recorded_by=actor,
    )
    consent.signed_file = private_file_store(upload=upload, owner=actor, kind="document")
    consent.save()
    consent.signed_file.attached_to = consent
    consent.signed_file.save(update_fields=["attached_type", "attached_id"])
    audit_record(
        actor=actor,
        subject=client,
        verb="client.consent_recorded",
        data={"notice": notice.version, "consent": consent.pk},
    )
    return consent


def consent_hold(client: Client) -> Consent | None:
    """The client's consent in force, locked until the caller's transaction ends: a withdrawal
    recorded meanwhile waits, and one committed first is seen (the row no longer matches).
    Call inside a transaction."""
    return (
        Consent.objects.select_for_update()
        .filter(client=client, withdrawn_at__isnull=True)
        .order_by("-signed_on", "-pk")
        .first()
    )


@transaction.atomic
def consent_withdraw(*, consent: Consent, actor, note: str) -> None:
    """Withdrawal is recorded on the consent, which stays."""
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_at is not None:
        raise CaseworkError(_("This consent was already withdrawn."))
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = actor
    consent.withdrawal_note = note
    consent.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_note", "updated_at"])
    audit_record(
        actor=actor,
        subject=consent.client,
        verb="client.consent_withdrawn",
        note=note,
        data={"consent": consent.pk},
    )


_ACCESS_INSERT = """
    INSERT INTO casework_clientaccess
        (client_id, user_id, group_id, staff_role, at, last_at, views, hour)
    VALUES (%s, %s, %s, %s, %s, %s, 1, %s)
"""
_ACCESS_ONE_MORE = """
    DO UPDATE SET last_at = EXCLUDED.last_at, views = casework_clientaccess.views + 1
"""
# The conflict targets are the two partial unique indexes of ClientAccess.
_ACCESS_UPSERT_PROVIDER = (
    _ACCESS_INSERT
    + "ON CONFLICT (client_id, user_id, group_id, hour) WHERE group_id IS NOT NULL"
    + _ACCESS_ONE_MORE
)
_ACCESS_UPSERT_MINISTRY = (
    _ACCESS_INSERT
    + "ON CONFLICT (client_id, user_id, hour) WHERE group_id IS NULL"
    + _ACCESS_ONE_MORE
)


def client_access_log(*, user, client: Client, group: Group | None) -> None:
    """A view of the full file (item 9): the visit's line (person, client, organisation,
    hour) counts one more page, or starts. One statement; the unique indexes decide."""
    now = timezone.now()
    sql = _ACCESS_UPSERT_MINISTRY if group is None else _ACCESS_UPSERT_PROVIDER
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                client.pk,
                user.pk,
                group.pk if group else None,
                user.staff_role or "",
                now,
                now,
                now.replace(minute=0, second=0, microsecond=0),  # UTC
            ],
        )


# --- The ministry's duplicate review ---------------------------------------------------------


def _lock_open(suspicion: DuplicateSuspicion) -> DuplicateSuspicion:
    locked = DuplicateSuspicion.objects.select_for_update().get(pk=suspicion.pk)
    if locked.status != DuplicateSuspicion.Status.OPEN:
        raise CaseworkError(_("This pair was already reviewed."))
    return locked


@transaction.atomic
def duplicate_mark_distinct(*, suspicion: DuplicateSuspicion, actor, note: str = "") -> None:
    suspicion = _lock_open(suspicion)
    suspicion.status = DuplicateSuspicion.Status.DISTINCT
    suspicion.decided_by = actor
    suspicion.decided_at = timezone.now()
    suspicion.decision_note = note
    suspicion.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    for client in (suspicion.client, suspicion.similar_to):
        audit_record(
            actor=actor,
            subject=client,
            verb="client.marked_distinct",
            note=note,
            data={"pair": [suspicion.client_id, suspicion.similar_to_id]},
        )


# A visit both records had: the same person and organisation in the same hour.
_FOLD_VISITS = """
    UPDATE casework_clientaccess k SET views = k.views + m.views,
        at = LEAST(k.at, m.at), last_at = GREATEST(k.last_at, m.last_at)
    FROM casework_clientaccess m
    WHERE k.client_id = %(kept)s AND m.client_id = %(merged)s AND k.user_id = m.user_id
        AND k.group_id IS NOT DISTINCT FROM m.group_id AND k.hour = m.hour
"""
_DROP_FOLDED = """
    DELETE FROM casework_clientaccess m USING casework_clientaccess k
    WHERE k.client_id = %(kept)s AND m.client_id = %(merged)s AND k.user_id = m.user_id
        AND k.group_id IS NOT DISTINCT FROM m.group_id AND k.hour = m.hour
"""


def _move_accesses(*, kept: Client, merged: Client) -> None:
    """The merged record's visits move to the kept one; a visit both records had in the same
    hour (same person and organisation) becomes one line."""
    ids = {"kept": kept.pk, "merged": merged.pk}
    with connection.cursor() as cursor:
        cursor.execute(_FOLD_VISITS, ids)
        cursor.execute(_DROP_FOLDED, ids)
    ClientAccess.objects.filter(client=merged).update(client=kept)


@transaction.atomic
def clients_merge(*, suspicion: DuplicateSuspicion, keep: Client, actor, note: str = "") -> Client:
    """Merge the pair into `keep`: providers, history, consents, access log and (through the
    merge hooks) plans move to the kept record; the other one stays, pointing to it."""
    suspicion = _lock_open(suspicion)
    if keep.pk not in (suspicion.client_id, suspicion.similar_to_id):
        raise CaseworkError(_("Keep one of the two records of the pair."))
    merged_id = suspicion.similar_to_id if keep.pk == suspicion.client_id else suspicion.client_id
    # Both rows locked, lowest id first, so two merges of overlapping pairs cannot deadlock.
    locked = {
        c.pk: c
        for c in Client.objects.select_for_update()
        .filter(pk__in=[keep.pk, merged_id])
        .order_by("pk")
    }
    kept, merged = locked[keep.pk], locked[merged_id]
    if kept.merged_into_id or merged.merged_into_id:
        raise CaseworkError(_("One of these records was already merged."))
    already = set(ClientProvider.objects.filter(client=kept).values_list("group_id", flat=True))
    ClientProvider.objects.filter(client=merged).exclude(group_id__in=already).update(client=kept)
    ClientProvider.objects.filter(client=merged).delete()
    EducationEntry.objects.filter(client=merged).update(client=kept)
    EmploymentEntry.objects.filter(client=merged).update(client=kept)
    Consent.objects.filter(client=merged).update(client=kept)
    _move_accesses(kept=kept, merged=merged)
    for field in ("phone", "email", "street_address", "postal_code", "income_source"):
        if not getattr(kept, field) and getattr(merged, field):
            setattr(kept, field, getattr(merged, field))
    if merged.age_verified_at and not kept.age_verified_at:
        kept.age_verified_at, kept.age_verified_by = merged.age_verified_at, merged.age_verified_by
    kept.save()
    for hook in _merge_hooks:
        hook(kept=kept, merged=merged, actor=actor)
    merged.merged_into = kept
    merged.save(update_fields=["merged_into", "updated_at"])
    now = timezone.now()
    suspicion.status = DuplicateSuspicion.Status.MERGED
    suspicion.decided_by, suspicion.decided_at, suspicion.decision_note = actor, now, note
    suspicion.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    # Other open pairs that named the merged record are settled by the merge too.
    DuplicateSuspicion.objects.filter(
        Q(client=merged) | Q(similar_to=merged), status=DuplicateSuspicion.Status.OPEN
    ).update(status=DuplicateSuspicion.Status.MERGED, decided_by=actor, decided_at=now)
    data = {"kept": kept.pk, "merged": merged.pk}
    audit_record(actor=actor, subject=kept, verb="client.merged_in", note=note, data=data)
    audit_record(actor=actor, subject=merged, verb="client.merged_away", note=note, data=data)
    return kept


# --- Employers (S4) ---------------------------------------------------------------------------


@transaction.atomic
def employer_register(*, actor, group: Group, fields: dict) -> Employer:
    """Register an employer; one with the same normalised business number is refused (the
    database decides, so two workers at once cannot both succeed)."""
    employer = Employer(created_by=actor, created_by_group=group, **fields)
    try:
        with transaction.atomic():
            employer.save()
    except IntegrityError:
        raise CaseworkError(
            _("An employer with this business number is already registered: use it.")
        ) from None
    audit_record(actor=actor, subject=employer, verb="employer.registered")
    return employer


@transaction.atomic
def employer_year_form_add(
    *, employer: Employer, group: Group, actor, fields: dict, upload
) -> EmployerYearForm:
    """The signed SJS employer form of this year: one per employer and year (DB unique). A
    form of another year is refused: last year's form is not accepted (S4, Q8)."""
    this_year = timezone.localdate().year
    if fields["year"] != this_year:
        raise CaseworkError(
            _("Only this year's SJS employer form (%(year)s) is accepted: ask for a new one.")
            % {"year": this_year}
        )
    if EmployerYearForm.objects.filter(employer=employer, year=fields["year"]).exists():
        raise CaseworkError(_("This employer already has its form for this year."))
    form = EmployerYearForm(employer=employer, group=group, recorded_by=actor, **fields)
    form.signed_file = private_file_store(upload=upload, owner=actor, kind="document")
    try:
        with transaction.atomic():
            form.save()
    except IntegrityError:
        raise CaseworkError(_("This employer already has its form for this year.")) from None
    form.signed_file.attached_to = form
    form.signed_file.save(update_fields=["attached_type", "attached_id"])
    audit_record(
        actor=actor, subject=employer, verb="employer.year_form_added", data={"year": form.year}
    )
    return form
