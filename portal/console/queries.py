"""Reads of the offices' console, scoped to the person's offices, each a fixed number of SQL
statements whatever the number of items."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator

from accounts.staff import SUPERVISOR, offices_of
from portal.console.kinds import WorkKind, find_work_kind, work_kinds
from portal.console.models import DailyCount, WorkItem
from portal.console.offices import office_label
from portal.lib.compiled import instance
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


def index_word(text: str) -> str | None:
    """For a search of several words, the one the trigram index should look up alone: a
    word common to most items ("inc", "demandeur") makes the index read long lists for
    nothing. The most distinctive guess: a word with a digit (a reference, a number), else
    the longest. None for one word, or when the chosen word is too short for trigrams."""
    words = text.split()
    if len(words) < 2:
        return None
    word = max(words, key=lambda w: (any(c.isdigit() for c in w), len(w)))
    return word if len(word) >= 3 else None


def _scope_sql(user, filters: Filters, table: str = "") -> tuple[str, list]:
    """_scope() as SQL conditions, for the counts' and the page's hand-written statements (no
    ORM query to build on every page); `table` qualifies the columns ("w." in a join)."""
    offices = [filters.office] if filters.office else list(offices_of(user))
    where, params = [f"{table}office = ANY(%s)"], list[object]([offices])
    if filters.kind:
        where.append(f"{table}kind = %s")
        params.append(filters.kind)
    if filters.q:
        text = filters.q.lower()
        # As the ORM's `contains`: LIKE with %, _ and \ escaped (the trigram indexes answer);
        # for several words, the index looks up one word, STRPOS the phrase (index_word).
        word = index_word(text)
        match = f"{table}search LIKE %s"
        params.append("%" + connection.ops.prep_for_like_query(word or text) + "%")
        if word is not None:
            match = f"{table}search LIKE %s AND strpos({table}search, %s) > 0"
            params.append(text)
        if text.lstrip("#").isdigit():
            match = f"(({match}) OR {table}id = %s)"
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


def queue_page(user, filters: Filters, today: date | None = None) -> QueuePage:
    today = today or timezone.localdate()
    counts, capped = queue_counts(user, filters, today)
    header = None
    if "header_overdue" in counts:
        header = {
            "waiting": counts["mine"] + counts["unassigned"],
            "overdue": counts.pop("header_overdue"),
        }
    start = (filters.page - 1) * PAGE_SIZE
    rows = _page_items(user, filters, today, PAGE_SIZE + 1, start)
    page = QueuePage(
        items=rows[:PAGE_SIZE],
        number=filters.page,
        has_next=len(rows) > PAGE_SIZE,
        counts=counts,
        decided_capped=capped,
        header=header,
    )
    reviews = {i.page_review.pk: i.page_review for i in page.items if i.page_review}
    decorate(page.items, today, list(reviews.values()))
    return page


def _columns(model, alias: str) -> str:
    return ", ".join(f'{alias}."{f.column}"' for f in model._meta.concrete_fields)


@cache
def _page_sql() -> dict[str, str]:
    """The page's statement per state, written once per process from the models' columns: the
    items, the person each shows (assignee, or who decided), as the ORM's select_related
    would read them, and the review of an item of a review kind (the first parameter: those
    kinds), without building the query on every page."""
    from accounts.models import User

    columns = f"{_columns(WorkItem, 'w')}, {_columns(User, 'u')}, {_columns(Review, 'r')}"
    head = (
        f"SELECT {columns} FROM {WorkItem._meta.db_table} w"  # noqa: S608 (names only)
        f" LEFT JOIN {Review._meta.db_table} r ON r.id = w.subject_id AND w.kind = ANY(%s)"
    )
    user = User._meta.db_table
    return {
        "decided": f"{head} LEFT JOIN {user} u ON u.id = w.decided_by_id"
        " WHERE w.state = 'decided' AND {where} ORDER BY w.decided_at DESC, w.id DESC",
        "waiting": f"{head} LEFT JOIN {user} u ON u.id = w.assignee_id"
        " WHERE w.state = 'waiting' AND {where} ORDER BY w.due_date, w.created_at, w.id",
    }


def _page_items(user, filters: Filters, today: date, limit: int, offset: int) -> list[WorkItem]:
    """A page of the filters' items in the state chosen, with their person, and the review of
    each of a review kind as `page_review` (one statement)."""
    from accounts.models import User

    where, params = _scope_sql(user, filters, "w.")
    decided = filters.state == "decided"
    if filters.state == "overdue":
        where += " AND w.due_date < %s"
        params.append(today)
    elif filters.state == "mine":
        where += " AND w.assignee_id = %s"
        params.append(user.pk)
    elif filters.state == "unassigned":
        where += " AND w.assignee_id IS NULL"
    sql = _page_sql()["decided" if decided else "waiting"].replace("{where}", where)
    review_kinds = [k.key for k in work_kinds() if k.review]
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} LIMIT %s OFFSET %s", [review_kinds, *params, limit, offset])
        found = cursor.fetchall()
    width = len(WorkItem._meta.concrete_fields)
    end = width + len(User._meta.concrete_fields)
    person = WorkItem.decided_by.field if decided else WorkItem.assignee.field
    items = []
    for row in found:
        item = instance(WorkItem, row[:width])
        person.set_cached_value(item, instance(User, row[width:end]) if row[width] else None)
        item.page_review = instance(Review, row[end:]) if row[end] is not None else None
        items.append(item)
    return items


@cache
def _review_sql() -> str:
    return (
        f"SELECT {_columns(Review, 'r')} FROM {Review._meta.db_table} r"  # noqa: S608 (names)
        " WHERE r.id = ANY(%s)"
    )


def _reviews(ids: list[int]) -> list[Review]:
    """The reviews of these ids (one statement; none for no id, as the ORM does)."""
    if not ids:
        return []
    with connection.cursor() as cursor:
        cursor.execute(_review_sql(), [ids])
        return [instance(Review, row) for row in cursor.fetchall()]


def decorate(
    items: list[WorkItem], today: date, page_reviews: list[Review] | None = None
) -> list[WorkItem]:
    """Labels in the reader's language: the kind, the decision, and the reviews' summaries
    (one query for the page's reviews unless given, then one per kind that renders its
    own)."""
    by_key = {k.key: k for k in work_kinds()}
    if page_reviews is None:
        ids = [i.subject_id for i in items if getattr(by_key.get(i.kind), "review", False)]
        page_reviews = _reviews(ids)
    reviews = {r.pk: r for r in attach_summaries(page_reviews)}
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
            row["decided"] = local_format(item.decided_at, "SHORT_DATETIME_FORMAT")
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
            row["arrived"] = local_format(item.created_at, "SHORT_DATE_FORMAT")
        rows.append(row)
    return rows


def local_format(value: datetime | None, fmt: str) -> str:
    """As the template's `date` filter: in local time, "" for nothing."""
    return date_format(timezone.localtime(value), fmt) if value else ""


def header_counts(user) -> dict[str, int] | None:
    """What waits for the person (unassigned or theirs, in their offices), and how much of
    it is late: one statement; None for people without an office."""
    offices = offices_of(user)
    if not offices:
        return None
    with connection.cursor() as cursor:
        cursor.execute(HEADER_SQL, [timezone.localdate(), list(offices), user.pk])
        waiting, overdue = cursor.fetchone()
    return {"waiting": waiting, "overdue": overdue}


# Written by hand: the ORM built the same statement on every staff page.
HEADER_SQL = """
    SELECT count(*), count(*) FILTER (WHERE due_date < %s) FROM console_workitem
    WHERE state = 'waiting' AND office = ANY(%s) AND (assignee_id IS NULL OR assignee_id = %s)
"""


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


OVERVIEW_SQL = """
    WITH waiting AS (
        SELECT office, kind, count(*) AS waiting,
               count(*) FILTER (WHERE due_date < %(today)s) AS overdue,
               min(created_at) AS oldest,
               count(*) FILTER (WHERE assignee_id IS NULL OR assignee_id = %(user)s) AS yours,
               count(*) FILTER (WHERE due_date < %(today)s
                   AND (assignee_id IS NULL OR assignee_id = %(user)s)) AS yours_overdue
        FROM console_workitem
        WHERE state = 'waiting' AND office = ANY(%(header_offices)s)
        GROUP BY office, kind
    ), decided AS (
        -- Seconds as float8 (date_part): cheaper to sort than extract()'s numeric or
        -- intervals. Gathered per office and kind by hashing, then each group's median
        -- sorts its own few hundred values (no sort of every row by office and kind).
        SELECT office, kind, last_7, last_30,
               (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY s) FROM unnest(took) s)
                   AS median
        FROM (
            SELECT office, kind,
                   count(*) FILTER (WHERE decided_at >= %(week_ago)s) AS last_7,
                   count(*) AS last_30,
                   array_agg(date_part('epoch', decided_at - created_at)) AS took
            FROM console_workitem
            WHERE state = 'decided' AND office = ANY(%(offices)s)
                AND decided_at >= %(month_ago)s
            GROUP BY office, kind
        ) per_kind
    )
    SELECT office, kind, coalesce(waiting, 0), coalesce(overdue, 0), oldest,
           coalesce(last_7, 0), coalesce(last_30, 0), median,
           coalesce(yours, 0), coalesce(yours_overdue, 0)
    FROM waiting FULL JOIN decided USING (office, kind)
"""

PEOPLE_SQL = """
    -- Counted per office and person first, then the 50-odd people joined (not every item).
    SELECT p.office, p.assignee_id, u.first_name, u.last_name, u.email, p.open, p.overdue
    FROM (
        SELECT office, assignee_id, count(*) AS open,
               count(*) FILTER (WHERE due_date < %(today)s) AS overdue
        FROM console_workitem
        WHERE state = 'waiting' AND office = ANY(%(offices)s) AND assignee_id IS NOT NULL
        GROUP BY office, assignee_id
    ) p JOIN accounts_user u ON u.id = p.assignee_id
    ORDER BY p.office, u.first_name, u.email
"""


def overview(
    offices: list[str], weeks: int = 12, user=None, header_offices: list[str] | None = None
) -> dict:
    """Per office and kind: waiting, overdue, oldest waiting, decided in the last 7 and 30
    days, median time to decision (30 days), in one statement; each person's open items;
    arrivals and decisions per week (from the daily counts). Three statements, written by
    hand (the ORM's query building cost more than the indexes' answers). With `user`, what
    waits for them in these offices (unassigned or theirs, and late) as "header", the
    figures of header_counts() when these are all their offices; with `header_offices` (all
    their offices), over those (the rows of the other offices are left out)."""
    now = timezone.now()
    params: dict[str, Any] = {
        "today": timezone.localdate(),
        "offices": list(offices),
        "header_offices": list(header_offices if header_offices is not None else offices),
        "week_ago": now - timedelta(days=7),
        "month_ago": now - timedelta(days=30),
        "user": getattr(user, "pk", None),
    }
    header = {"waiting": 0, "overdue": 0}
    by_key = {k.key: k for k in work_kinds()}
    rows = []
    with connection.cursor() as cursor:
        cursor.execute(OVERVIEW_SQL, params)
        for row in cursor.fetchall():
            office, key, waiting, overdue, oldest, last_7, last_30, median, yours, late = row
            header["waiting"] += yours
            header["overdue"] += late
            if office not in params["offices"]:
                continue  # counted for the header only
            kind = by_key.get(key)
            rows.append(
                {
                    "office": office,
                    "kind": key,
                    "kind_label": str(kind.label) if kind else key,
                    "waiting": waiting,
                    "overdue": overdue,
                    "oldest": oldest,
                    "last_7": last_7,
                    "last_30": last_30,
                    "median": _duration(median),
                }
            )
        cursor.execute(PEOPLE_SQL, params)
        people = []
        for office, assignee, first, last, email, open_, overdue in cursor.fetchall():
            people.append(
                {
                    "office": office,
                    "assignee": assignee,
                    "name": f"{first} {last}".strip() or email,
                    "open": open_,
                    "overdue": overdue,
                }
            )
    rows.sort(key=lambda row: (row["office"], row["kind"]))
    return {"rows": rows, "people": people, "weeks": weekly(offices, weeks), "header": header}


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
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT date_trunc('week', day)::date, sum(arrivals), sum(decisions)
            FROM {DailyCount._meta.db_table}
            WHERE office = ANY(%s) AND day >= %s
            GROUP BY 1
            """,  # noqa: S608 (the table's name only)
            [list(offices), first],
        )
        totals = {week: (arrivals, decisions) for week, arrivals, decisions in cursor.fetchall()}
    out = []
    for i in range(weeks):
        week = first + timedelta(weeks=i)
        arrivals, decisions = totals.get(week, (0, 0))
        out.append({"week": week, "arrivals": arrivals, "decisions": decisions})
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
