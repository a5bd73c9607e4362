"""The daily counters of each posting (J9): views of the public page, apply clicks, shares.

`count(posting_id, "views")` is one statement, `INSERT … ON CONFLICT (posting_id, day) DO
UPDATE SET views = views + 1`: no read first, so two visitors at the same instant both count
and the page pays one query. Robots (by their user agent) are not counted.
"""

import datetime
import re

from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from jobboard.postings.models import Posting
from jobboard.statistics.models import PostingDailyStat
from portal.lib import page_cache
from portal.lib.compiled import compiled

FIELDS = ("views", "clicks", "shares")
# Crawlers, link previewers and command-line clients. A headless browser is a person's
# browser for us (tests and screen readers drive them too); crawlers announce themselves.
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|preview|facebookexternalhit|embedly|curl|wget|python-requests"
    r"|python-urllib|httpx|aiohttp|go-http-client|java/|libwww|scrapy|okhttp|lighthouse",
    re.IGNORECASE,
)


def is_bot(user_agent: str) -> bool:
    """No user agent at all is a script too."""
    return not user_agent or bool(BOT_PATTERN.search(user_agent))


def count(posting_id: int, field: str, day: datetime.date | None = None) -> None:
    """Add one to today's `field` of the posting, atomically (one statement)."""
    if field not in FIELDS:
        raise ValueError(field)
    table = PostingDailyStat._meta.db_table
    columns = ", ".join(FIELDS)
    values = ", ".join("1" if f == field else "0" for f in FIELDS)
    sql = (
        f"INSERT INTO {table} (posting_id, day, {columns}) VALUES (%s, %s, {values}) "  # noqa: S608 (names are ours)
        f"ON CONFLICT (posting_id, day) DO UPDATE SET {field} = {table}.{field} + 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [posting_id, day or timezone.localdate()])


def count_request(request, posting_id: int, field: str) -> bool:
    """Count for a visitor's request unless it comes from a robot; True when counted."""
    if is_bot(request.META.get("HTTP_USER_AGENT", "")):
        return False
    count(posting_id, field)
    return True


# The posting page served from the page cache (portal.lib.page_cache) still counts its view.
VIEW_HIT_HOOK = "jobboard.posting_view"


def count_cached_view(request, posting_id: int) -> None:
    count_request(request, posting_id, "views")


def register() -> None:
    page_cache.register_hit_hook(VIEW_HIT_HOOK, count_cached_view)


def _group_ids(group_id: int, *chosen: int):
    """Ids of the group's non-archived postings (of the chosen one among them, if given)."""
    ids = Posting.objects.filter(group_id=group_id).exclude(state=Posting.State.ARCHIVED)
    if chosen:
        ids = ids.filter(pk=chosen[0])
    return ids.values("pk")


def _by_day(group_id: int, *rest):
    *chosen, start, end = rest
    return (
        PostingDailyStat.objects.filter(
            posting_id__in=_group_ids(group_id, *chosen), day__gte=start, day__lte=end
        )
        .values("day")
        .annotate(views=Sum("views"), clicks=Sum("clicks"), shares=Sum("shares"))
        .values_list("day", *FIELDS)
        .order_by("day")
    )


def group_performance(
    group_id: int, chosen: int | None, start: datetime.date, end: datetime.date
) -> dict:
    """`performance` of the group's non-archived postings, or of the chosen one among them:
    one query, compiled once (issue 19)."""
    arity = 4 if chosen else 3
    query = compiled(("jobboard.performance_by_day", arity), _by_day, arity, dates=2)
    values = (group_id, chosen, start, end) if chosen else (group_id, start, end)
    return _figures({day: figures for day, *figures in query.rows(*values)}, start, end)


def performance(posting_ids, start: datetime.date, end: datetime.date) -> dict:
    """Totals and one row per day of the period (days without figures show zeros), for the
    given postings (a queryset or list of ids, already scoped to the group): one query."""
    rows = (
        PostingDailyStat.objects.filter(posting_id__in=posting_ids, day__gte=start, day__lte=end)
        .values("day")
        .annotate(views=Sum("views"), clicks=Sum("clicks"), shares=Sum("shares"))
        .values_list("day", *FIELDS)
        .order_by("day")
    )
    return _figures({day: figures for day, *figures in rows}, start, end)


def _figures(by_day: dict, start: datetime.date, end: datetime.date) -> dict:
    """The days of the period with their figures ([views, clicks, shares] by day) and totals."""
    days: list[dict] = []
    zeros = (0, 0, 0)
    day = start
    one = datetime.timedelta(days=1)
    while day <= end:
        views, clicks, shares = by_day.get(day, zeros)
        days.append({"day": day, "views": views or 0, "clicks": clicks or 0, "shares": shares or 0})
        day += one
    totals: dict[str, int] = {f: sum(d[f] for d in days) for f in FIELDS}
    return {"days": days, "totals": totals}


def export_rows(posting_ids, start: datetime.date, end: datetime.date):
    """Rows for the CSV: one per posting and day with figures (one query, streamed)."""
    return (
        PostingDailyStat.objects.filter(posting_id__in=posting_ids, day__gte=start, day__lte=end)
        .order_by("day", "posting_id")
        .values_list("day", "posting_id", "posting__title_fr", "posting__title_en", *FIELDS)
        .iterator(chunk_size=2000)
    )
