"""Reads of the offices' console, scoped to the person's offices, each a fixed number of SQL
statements whatever the number of items."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import connection
from django.db.models import Count, Min, Q, QuerySet, Sum
from django.db.models.functions import TruncWeek
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator

from accounts.staff import SUPERVISOR, offices_of
from portal.console.kinds import WorkKind, find_work_kind, work_kinds
from portal.console.models import DailyCount, WorkItem
from portal.console.offices import office_label
from portal.models import Review
from portal.review_kinds import attach_summaries

W = WorkItem.State
STATES = ("waiting", "overdue", "mine", "unassigned", "decided")
PAGE_SIZE = 50
COUNT_CAP = 1000  # the decided count stops here ("1000+"): half a million rows cost time


@dataclass
class Filters:
    office: str = ""
    kind: str = ""
    state: str = "waiting"
    q: str = ""
    page: int = 1

    @classmethod
    def from_query(cls, params, offices: dict[str, str]) -> "Filters":
        office = params.get("office", "")
        state = params.get("state", "waiting")
        try:
            page = max(1, min(int(params.get("page", "1")), 10_000))
        except ValueError:
            page = 1
        return cls(
            office=office if office in offices else "",
            kind=params.get("kind", "") if find_work_kind(params.get("kind", "")) else "",
            state=state if state in STATES else "waiting",
            q=" ".join(params.get("q", "").split())[:100],
            page=page,
        )


@dataclass
class QueuePage:
    items: list
    number: int
    has_next: bool
    counts: dict[str, int] = field(default_factory=dict)
    decided_capped: bool = False
    header: dict[str, int] | None = None  # header_counts(), when the counts gave it

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def kinds_for_offices(offices) -> list[WorkKind]:
    return sorted(
        (k for k in work_kinds() if not k.offices or set(k.offices) & set(offices)),
        key=lambda k: str(k.label),
    )


def _scope(user, filters: Filters) -> QuerySet[WorkItem]:
    offices = [filters.office] if filters.office else list(offices_of(user))
    items = WorkItem.objects.filter(office__in=offices)
    if filters.kind:
        items = items.filter(kind=filters.kind)
    if filters.q:
        text = filters.q.lower()
        match = Q(search__contains=text)  # the reference is in the search text too
        if text.lstrip("#").isdigit():
            match |= Q(pk=int(text.lstrip("#")))
        items = items.filter(match)
    return items


def _waiting_filter(state: str, user, today: date) -> Q:
    return {
        "waiting": Q(),
        "overdue": Q(due_date__lt=today),
        "mine": Q(assignee=user),
        "unassigned": Q(assignee__isnull=True),
    }[state]


def _scope_sql(user, filters: Filters) -> tuple[str, list]:
    """_scope() as SQL conditions, for the counts' hand-written statement (no ORM query
    to build on every page)."""
    offices = [filters.office] if filters.office else list(offices_of(user))
    where, params = ["office = ANY(%s)"], list[object]([offices])
    if filters.kind:
        where.append("kind = %s")
        params.append(filters.kind)
    if filters.q:
        text = filters.q.lower()
        # As the ORM's `contains`: LIKE with %, _ and \ escaped (the trigram indexes answer).
        match = "search LIKE %s"
        params.append("%" + connection.ops.prep_for_like_query(text) + "%")
        if text.lstrip("#").isdigit():
            match = f"({match} OR id = %s)"
            params.append(int(text.lstrip("#")))
        where.append(match)
    return " AND ".join(where), params


def queue_counts(user, filters: Filters, today: date) -> tuple[dict[str, int], bool]:
    """Counts per state for the chosen office, kind and search, in one statement: the
    waiting items, and a count of the decided ones capped at COUNT_CAP. Over all the
    person's offices, the header's figures (unassigned or theirs, and how many of those are
    late) come along as "header_overdue"."""
    where, params = _scope_sql(user, filters)
    header = _is_whole_scope(filters)
    yours = "count(*) FILTER (WHERE due_date < %s AND (assignee_id IS NULL OR assignee_id = %s))"
    sql = f"""
        SELECT count(*), count(*) FILTER (WHERE due_date < %s),
               count(*) FILTER (WHERE assignee_id = %s),
               count(*) FILTER (WHERE assignee_id IS NULL),
               {yours if header else "NULL"},
               (SELECT count(*) FROM (SELECT 1 FROM console_workitem
                    WHERE state = 'decided' AND {where} LIMIT %s) capped)
        FROM console_workitem WHERE state = 'waiting' AND {where}
    """  # noqa: S608 (only placeholders and fixed text are formatted in)
    args = [today, user.pk, *([today, user.pk] if header else []), *params, COUNT_CAP, *params]
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        waiting, overdue, mine, unassigned, header_overdue, decided = cursor.fetchone()
    counts = {
        "waiting": waiting,
        "overdue": overdue,
        "mine": mine,
        "unassigned": unassigned,
        "decided": decided,
    }
    if header:
        counts["header_overdue"] = header_overdue
    return counts, decided >= COUNT_CAP


def _is_whole_scope(filters: Filters) -> bool:
    return not (filters.office or filters.kind or filters.q)


def capped_count(queryset: QuerySet, cap: int) -> int:
    return queryset.order_by()[:cap].count()


def queue_page(user, filters: Filters, today: date | None = None) -> QueuePage:
    today = today or timezone.localdate()
    counts, capped = queue_counts(user, filters, today)
    header = None
    if "header_overdue" in counts:
        header = {
            "waiting": counts["mine"] + counts["unassigned"],
            "overdue": counts.pop("header_overdue"),
        }
    items = _scope(user, filters)
    if filters.state == "decided":
        items = items.filter(state=W.DECIDED).select_related("decided_by")
        items = items.order_by("-decided_at", "-id")
    else:
        items = items.filter(state=W.WAITING).filter(_waiting_filter(filters.state, user, today))
        items = items.select_related("assignee")
        items = items.order_by("due_date", "created_at", "id")
    start = (filters.page - 1) * PAGE_SIZE
    rows = list(items[start : start + PAGE_SIZE + 1])
    page = QueuePage(
        items=rows[:PAGE_SIZE],
        number=filters.page,
        has_next=len(rows) > PAGE_SIZE,
        counts=counts,
        decided_capped=capped,
        header=header,
    )
    decorate(page.items, today)
    return page


def decorate(items: list[WorkItem], today: date) -> list[WorkItem]:
    """Labels in the reader's language: the kind, the decision, and the reviews' summaries
    (one query for the page's reviews, then one per kind that renders its own)."""
    by_key = {k.key: k for k in work_kinds()}
    review_ids = [i.subject_id for i in items if getattr(by_key.get(i.kind), "review", False)]
    reviews = {r.pk: r for r in attach_summaries(list(Review.objects.filter(pk__in=review_ids)))}
    for item in items:
        kind = by_key.get(item.kind)
        item.kind_label = str(kind.label) if kind else item.kind
        item.outcome_label = (
            str(kind.outcome_labels.get(item.outcome, item.outcome)) if kind else ""
        )
        item.is_overdue = item.state == W.WAITING and item.due_date < today
        review = reviews.get(item.subject_id) if kind and kind.review else None
        item.display_title = getattr(review, "display_summary", None) or item.title
    return items


def queue_rows(items: list[WorkItem], user, decided: bool) -> list[dict]:
    """The queue's rows as plain strings (the template escapes them): one reverse() for the
    links, the dates formatted as the `date` filter does, in the reader's language."""
    marker = 987654321
    link = reverse("console:item", args=[marker])
    rows = []
    for item in items:
        row: dict[str, object] = {
            "url": link.replace(str(marker), str(item.pk)),
            "meta": f"{item.kind_label} · {office_label(item.office)}",
            "title": item.display_title,
        }
        if decided:
            row["decided"] = _local_format(item.decided_at, "SHORT_DATETIME_FORMAT")
            row["outcome"] = item.outcome_label
            row["decided_by"] = (item.decided_by.display_name if item.decided_by else "") or "—"
            row["note"] = Truncator(item.note).chars(80)
        else:
            assignee = item.assignee
            row["overdue"] = item.is_overdue
            row["due"] = date_format(item.due_date, "SHORT_DATE_FORMAT")
            row["applicant"] = item.applicant or "—"
            row["organisation"] = item.organisation
            row["assigned"] = assignee is not None
            row["you"] = assignee is not None and item.assignee_id == user.pk
            row["assignee"] = assignee.display_name if assignee is not None else ""
            row["arrived"] = _local_format(item.created_at, "SHORT_DATE_FORMAT")
        rows.append(row)
    return rows


def _local_format(value: datetime | None, fmt: str) -> str:
    """As the template's `date` filter: in local time, "" for nothing."""
    return date_format(timezone.localtime(value), fmt) if value else ""


def header_counts(user) -> dict[str, int] | None:
    """What waits for the person (unassigned or theirs, in their offices), and how much of
    it is late: one statement; None for people without an office."""
    offices = offices_of(user)
    if not offices:
        return None
    today = timezone.localdate()
    return (
        WorkItem.objects.filter(state=W.WAITING, office__in=list(offices))
        .filter(Q(assignee__isnull=True) | Q(assignee=user))
        .aggregate(waiting=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today)))
    )


def dashboard_rows(user) -> list[dict]:
    """Per office: mine, unassigned, overdue (one statement)."""
    offices = offices_of(user)
    if not offices:
        return []
    today = timezone.localdate()
    rows = {
        r["office"]: r
        for r in WorkItem.objects.filter(state=W.WAITING, office__in=list(offices))
        .values("office")
        .annotate(
            mine=Count("pk", filter=Q(assignee=user)),
            unassigned=Count("pk", filter=Q(assignee__isnull=True)),
            overdue=Count("pk", filter=Q(due_date__lt=today)),
        )
    }
    return [
        {"office": o, **rows.get(o, {"mine": 0, "unassigned": 0, "overdue": 0})} for o in offices
    ]


def next_candidates(user, limit: int = 5) -> list[tuple[int, str]]:
    """The oldest unassigned waiting items the person may decide (by arrival)."""
    return list(
        WorkItem.objects.filter(
            state=W.WAITING, office__in=list(offices_of(user)), assignee__isnull=True
        )
        .order_by("created_at", "id")
        .values_list("pk", "office")[:limit]
    )


def item_for_staff(user, item_id: int) -> WorkItem:
    """An item of one of the person's offices; 404 otherwise (even if it exists)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        WorkItem.objects.select_related("assignee", "decided_by", "subject_type"),
        pk=item_id,
        office__in=list(offices_of(user)),
    )


def staff_of_offices(offices: list[str]) -> list:
    """Active people holding one of these offices (one statement)."""
    from accounts.models import User

    return list(
        User.objects.filter(is_active=True)
        .exclude(staff_role="")
        .filter(Q(staff_role__in=offices) | Q(staff_offices__has_any_keys=offices))
        .order_by("first_name", "last_name", "email")
    )


def supervised_offices(user) -> list[str]:
    return [o for o, level in offices_of(user).items() if level == SUPERVISOR]


# --- Supervisor overview --------------------------------------------------------------------


def _decided_recently(offices: list[str], now) -> dict[tuple[str, str], tuple]:
    """Per office and kind, over the last 30 days: decisions in 7 days, in 30 days, and the
    median time from arrival to decision in seconds (one statement)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT office, kind,
                   count(*) FILTER (WHERE decided_at >= %s),
                   count(*),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY decided_at - created_at)
            FROM console_workitem
            WHERE state = 'decided' AND office = ANY(%s) AND decided_at >= %s
            GROUP BY office, kind
            """,
            [now - timedelta(days=7), offices, now - timedelta(days=30)],
        )
        # The median as an interval (sorting intervals is much cheaper than numeric epochs).
        return {(o, k): (d7, d30, m.total_seconds()) for o, k, d7, d30, m in cursor.fetchall()}


def overview(offices: list[str], weeks: int = 12) -> dict:
    """Per office and kind: waiting, overdue, oldest waiting, decided in the last 7 and 30
    days, median time to decision (30 days); each person's open items; arrivals and
    decisions per week. Four statements."""
    now = timezone.now()
    today = timezone.localdate()
    waiting: dict[tuple[str, str], dict] = {
        (r["office"], r["kind"]): dict(r)
        for r in WorkItem.objects.filter(state=W.WAITING, office__in=offices)
        .values("office", "kind")
        .annotate(
            waiting=Count("pk"),
            overdue=Count("pk", filter=Q(due_date__lt=today)),
            oldest=Min("created_at"),
        )
    }
    decided = _decided_recently(offices, now)
    by_key = {k.key: k for k in work_kinds()}
    rows = []
    for key in sorted(set(waiting) | set(decided)):
        w, (last_7, last_30, median) = waiting.get(key, {}), decided.get(key, (0, 0, None))
        kind = by_key.get(key[1])
        rows.append(
            {
                "office": key[0],
                "kind": key[1],
                "kind_label": str(kind.label) if kind else key[1],
                "waiting": w.get("waiting", 0),
                "overdue": w.get("overdue", 0),
                "oldest": w.get("oldest"),
                "last_7": last_7,
                "last_30": last_30,
                "median": _duration(median),
            }
        )
    people: list[dict] = [
        dict(row)
        for row in WorkItem.objects.filter(
            state=W.WAITING, office__in=offices, assignee__isnull=False
        )
        .values(
            "office", "assignee", "assignee__first_name", "assignee__last_name", "assignee__email"
        )
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_date__lt=today)))
        .order_by("office", "assignee__first_name", "assignee__email")
    ]
    for person in people:
        name = f"{person['assignee__first_name']} {person['assignee__last_name']}".strip()
        person["name"] = name or person["assignee__email"]
    return {"rows": rows, "people": people, "weeks": weekly(offices, weeks)}


def _duration(seconds: float | None) -> dict | None:
    if seconds is None:
        return None
    hours = seconds / 3600
    return {"days": int(hours // 24), "hours": int(hours % 24)}


def weekly(offices: list[str], weeks: int) -> list[dict]:
    """Arrivals and decisions per week, the last `weeks` weeks: one statement over the daily
    counts (DailyCount, kept by the database with the items)."""
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    first = monday - timedelta(weeks=weeks - 1)
    totals: dict[date, dict] = {
        row["week"]: dict(row)
        for row in DailyCount.objects.filter(office__in=offices, day__gte=first)
        .annotate(week=TruncWeek("day"))
        .values("week")
        .annotate(arrivals=Sum("arrivals"), decisions=Sum("decisions"))
    }
    out = []
    for i in range(weeks):
        week = first + timedelta(weeks=i)
        row = totals.get(week, {})
        out.append(
            {
                "week": week,
                "arrivals": row.get("arrivals") or 0,
                "decisions": row.get("decisions") or 0,
            }
        )
    return out


def decisions_between(offices: list[str], start: date, end: date) -> QuerySet[WorkItem]:
    """Decisions of a period (both days included), for the CSV export."""
    begin = timezone.make_aware(datetime.combine(start, time.min))
    finish = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
    return (
        WorkItem.objects.filter(
            state=W.DECIDED, office__in=offices, decided_at__gte=begin, decided_at__lt=finish
        )
        .select_related("decided_by", "assignee")
        .order_by("decided_at", "id")
    )
