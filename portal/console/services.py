"""Writes of the offices' console: items opened and closed as the apps' objects wait and
stop waiting, assignment (take, give, release), deadlines, and who holds which office."""

import logging
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.staff import LEVELS, REVIEWER, SUPERVISOR, offices_of
from portal.console.kinds import WorkKind, find_work_kind, work_kinds
from portal.console.models import KindDeadline, WorkItem
from portal.console.offices import OFFICES, province_of
from portal.errors import CoreError
from portal.lib.dates import add_business_days
from portal.services.audit import audit_record

security_log = logging.getLogger("portal.security")
W = WorkItem.State


# --- Opening and closing items ---------------------------------------------------------------


def deadline_days(kind: WorkKind) -> int:
    found = KindDeadline.objects.filter(kind=kind.key).values_list("business_days", flat=True)
    return next(iter(found), kind.business_days)


def deadlines(kinds: list[WorkKind]) -> dict[str, int]:
    """{kind: business days} of these kinds, in one statement."""
    if not kinds:
        return {}
    # Written by hand: the ORM built this statement on every overview.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT kind, business_days FROM {KindDeadline._meta.db_table}"  # noqa: S608 (name)
            " WHERE kind = ANY(%s)",
            [[k.key for k in kinds]],
        )
        chosen = dict(cursor.fetchall())
    return {k.key: chosen.get(k.key, k.business_days) for k in kinds}


def due_date_for(arrived: date, days: int, office: str) -> date:
    return add_business_days(arrived, days, province_of(office))


def _search_text(*parts: str) -> str:
    return " ".join(p for p in parts if p).lower()


def work_open(kind: WorkKind, obj, *, days: int | None = None) -> None:
    """An item for `obj` unless one waits already (ON CONFLICT DO NOTHING)."""
    facts = kind.facts(obj)
    arrived = facts.arrived or timezone.now()
    days = deadline_days(kind) if days is None else days
    item = WorkItem(
        kind=kind.key,
        office=facts.office,
        subject_type=ContentType.objects.get_for_model(kind.model),
        subject_id=obj.pk,
        title=facts.title[:255],
        applicant=facts.applicant[:200],
        organisation=facts.organisation[:200],
        email=facts.email[:254],
        reference=facts.reference[:60],
        search=_search_text(
            facts.title, facts.applicant, facts.organisation, facts.email, facts.reference
        ),
        created_at=arrived,
        due_date=due_date_for(timezone.localtime(arrived).date(), days, facts.office),
    )
    WorkItem.objects.bulk_create([item], ignore_conflicts=True)


def _close(items, kind: WorkKind, obj) -> int:
    """Close the waiting items (a queryset) of `obj`: decided, recorded against the decider
    (or the assignee when the app does not say who), or withdrawn."""
    if obj is None:
        return items.update(state=W.WITHDRAWN, decided_at=timezone.now())
    outcome = kind.outcome(obj)
    if outcome.withdrawn:
        return items.update(state=W.WITHDRAWN, decided_at=timezone.now(), outcome=outcome.outcome)
    decider = outcome.decided_by_id
    return items.update(
        state=W.DECIDED,
        decided_at=timezone.now(),
        outcome=outcome.outcome[:40],
        note=outcome.note,
        decided_by=Value(decider) if decider else F("assignee"),
        assignee=Coalesce(F("assignee"), Value(decider)) if decider else F("assignee"),
    )


def _waiting_items(kind: WorkKind, pk):
    return WorkItem.objects.filter(
        kind=kind.key,
        subject_type=ContentType.objects.get_for_model(kind.model),
        subject_id=pk,
        state=W.WAITING,
    )


def work_sync(kind: WorkKind, obj) -> None:
    """After `obj` was saved: open its item if it waits, close it if it stopped waiting."""
    items = _waiting_items(kind, obj.pk)
    if kind.is_waiting(obj):
        if not items.exists():
            work_open(kind, obj)
    else:
        _close(items, kind, obj)


def work_gone(kind: WorkKind, pk) -> None:
    _close(_waiting_items(kind, pk), kind, None)


def work_reconcile(kinds: list[WorkKind] | None = None) -> dict[str, tuple[int, int]]:
    """Open the items missing for objects that wait, close those whose object stopped
    waiting (set-based updates send no signal). {kind: (opened, closed)}."""
    report = {}
    for kind in kinds or work_kinds():
        subject_type = ContentType.objects.get_for_model(kind.model)
        waiting_items = WorkItem.objects.filter(
            kind=kind.key, subject_type=subject_type, state=W.WAITING
        )
        missing = kind.waiting().exclude(pk__in=waiting_items.values("subject_id"))
        opened = 0
        days = deadline_days(kind)
        for obj in missing.iterator(chunk_size=500):
            if kind.applies(obj):
                work_open(kind, obj, days=days)
                opened += 1
        stale_ids = list(
            waiting_items.exclude(subject_id__in=kind.waiting().values("pk")).values_list(
                "subject_id", flat=True
            )
        )
        objects = kind.model._default_manager.in_bulk(stale_ids)
        for pk in stale_ids:
            _close(_waiting_items(kind, pk), kind, objects.get(pk))
        report[kind.key] = (opened, len(stale_ids))
    return report


# --- Who may do what -------------------------------------------------------------------------


def may_decide(user, item: WorkItem) -> bool:
    return item.office in offices_of(user)


def _check_office(user, item: WorkItem) -> None:
    if not may_decide(user, item):
        security_log.warning("refused work item=%s staff=%s", item.pk, user.pk)
        raise PermissionDenied


def colleagues(office: str):
    """Active people holding `office` (as reviewer or supervisor), by name."""
    return (
        User.objects.filter(is_active=True)
        .exclude(staff_role="")
        .filter(Q(staff_role=office) | Q(staff_offices__has_key=office))
        .order_by("first_name", "last_name", "email")
    )


# --- Assignment ------------------------------------------------------------------------------


class Taken(CoreError):
    """Someone else has the item: `holder` is who."""

    def __init__(self, holder):
        name = holder.display_name if holder else ""
        super().__init__(
            _("%(name)s has already taken this item.") % {"name": name}
            if name
            else _("This item was already decided.")
        )
        self.holder = holder


def work_take(*, item: WorkItem, actor) -> WorkItem:
    """Take (claim) an unassigned item. The database decides a race: the conditional UPDATE
    sets the assignee only while there is none, so of two people at the same instant one
    gets rowcount 1 and the other is told who has it."""
    _check_office(actor, item)
    with transaction.atomic():
        won = WorkItem.objects.filter(pk=item.pk, state=W.WAITING, assignee__isnull=True).update(
            assignee=actor, assigned_at=timezone.now()
        )
        if won:
            audit_record(actor=actor, subject=item, verb="work.taken")
    item.refresh_from_db()
    if not won and item.assignee_id != actor.pk:
        holder = None
        if item.state == W.WAITING and item.assignee_id is not None:
            holder = User.objects.filter(pk=item.assignee_id).first()
        raise Taken(holder)
    return item


@transaction.atomic
def work_give(*, item: WorkItem, actor, to) -> WorkItem:
    """The holder (or a supervisor of the office) gives a waiting item to a colleague."""
    _check_office(actor, item)
    item = WorkItem.objects.select_for_update().get(pk=item.pk)
    if item.state != W.WAITING:
        raise CoreError(_("This item was already decided."))
    if (
        item.assignee_id not in (None, actor.pk)
        and offices_of(actor).get(item.office) != SUPERVISOR
    ):
        raise CoreError(_("Only the person who has the item, or a supervisor, may give it."))
    if to is None or item.office not in offices_of(to):
        raise CoreError(_("Choose a colleague of the same office."))
    item.assignee, item.assigned_at = to, timezone.now()
    item.save(update_fields=["assignee", "assigned_at"])
    audit_record(actor=actor, subject=item, verb="work.given", data={"to": to.pk})
    return item


@transaction.atomic
def work_release(*, item: WorkItem, actor) -> WorkItem:
    _check_office(actor, item)
    item = WorkItem.objects.select_for_update().get(pk=item.pk)
    if item.state != W.WAITING or item.assignee_id is None:
        return item
    if item.assignee_id != actor.pk and offices_of(actor).get(item.office) != SUPERVISOR:
        raise CoreError(_("Only the person who has the item, or a supervisor, may release it."))
    item.assignee, item.assigned_at = None, None
    item.save(update_fields=["assignee", "assigned_at"])
    audit_record(actor=actor, subject=item, verb="work.released")
    return item


# --- Deadlines -------------------------------------------------------------------------------


@transaction.atomic
def deadline_set(*, kind: WorkKind, business_days: int, actor) -> int:
    """A supervisor of an office the kind serves sets its deadline; the waiting items'
    due dates follow. Returns how many items changed."""
    offices = offices_of(actor)
    allowed = kind.offices or tuple(OFFICES)
    if not any(offices.get(o) == SUPERVISOR for o in allowed):
        raise PermissionDenied
    if not 0 < business_days <= 60:
        raise CoreError(_("Give a number of business days between 1 and 60."))
    setting, _created = KindDeadline.objects.update_or_create(
        kind=kind.key, defaults={"business_days": business_days, "updated_by": actor}
    )
    audit_record(
        actor=actor,
        subject=setting,
        verb="work.deadline",
        to_state=str(business_days),
        data={"kind": kind.key},
    )
    changed = 0
    waiting = WorkItem.objects.filter(kind=kind.key, state=W.WAITING)
    pairs = waiting.values_list("office", "created_at__date").distinct()
    for office, arrived in pairs:
        changed += waiting.filter(office=office, created_at__date=arrived).update(
            due_date=due_date_for(arrived, business_days, office)
        )
    return changed


# --- Offices of staff people -----------------------------------------------------------------


@transaction.atomic
def staff_office_set(*, person: User, office: str, level: str, actor) -> User:
    """Give (level "reviewer" or "supervisor") or take away (level "") an office. A supervisor
    of that office, or the superuser, may; audited on the person."""
    if office not in OFFICES or level not in ("", *LEVELS):
        raise CoreError(_("Choose an office and a level."))
    if offices_of(actor).get(office) != SUPERVISOR:
        security_log.warning("refused office=%s staff=%s", office, actor.pk)
        raise PermissionDenied
    person = User.objects.select_for_update().get(pk=person.pk)
    held = offices_of(person) if not person.is_superuser else dict(person.staff_offices or {})
    before = held.get(office, "")
    if before == level:
        return person
    if person.pk == actor.pk and before == SUPERVISOR and not actor.is_superuser:
        raise CoreError(_("Another supervisor must change your own supervisor role."))
    if level:
        held[office] = level
    else:
        held.pop(office, None)
    person.staff_offices = {k: held[k] for k in OFFICES if k in held}
    primary = str(person.__dict__.get("staff_role") or "")
    if primary not in held:
        primary = next(iter(person.staff_offices), "")
    person.staff_role = primary
    person.save(update_fields=["staff_offices", "staff_role"])
    audit_record(
        actor=actor,
        subject=person,
        verb="staff.office_set",
        from_state=before,
        to_state=level,
        data={"office": office},
    )
    return person


__all__ = [
    "REVIEWER",
    "SUPERVISOR",
    "Taken",
    "colleagues",
    "deadline_set",
    "find_work_kind",
    "may_decide",
    "staff_office_set",
    "work_gone",
    "work_give",
    "work_open",
    "work_reconcile",
    "work_release",
    "work_sync",
    "work_take",
]
