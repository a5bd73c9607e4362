"""The public list's query: the job site's search (jobboard.public.search: its criteria, full
text in both languages, featured postings first while their days run, its ranking) paged with
a keyset cursor instead of page numbers. Two queries whatever the page size: the page of ids,
then the postings with their company.

A page reads only what it shows, from the cursor on:
- newest first (no words, or sort=date): two walks of the live postings' newest-first index,
  the featured ones then the others, each stopping after the page; no cap, so a partner can
  read every live posting, and a deep page costs what the first one does;
- by relevance: the job site's candidates (the newest CAP + 1 matches and the newest CAP + 1
  featured matches), each ranked once after its cap (not every match before it).
The job site's own query adds a capped count and page numbers, which the API has no use for.
"""

import datetime

from django.db import connection
from django.utils import timezone

from jobboard.postings.models import Posting
from jobboard.public import search as job_search

SECTIONS = job_search.SECTIONS
NEWEST = "ORDER BY p.published_at DESC, p.id DESC"


def _by_date(where: str, params: dict, after: list | None) -> str:
    featured_from = rest_from = ""
    if after:
        params.update(a_date=after[2], a_id=after[3])
        keyset = " AND (p.published_at, p.id) < (%(a_date)s, %(a_id)s)"
        if after[0]:
            featured_from = keyset
        else:  # past the featured postings: only the others remain
            featured_from, rest_from = " AND false", keyset
    columns = "SELECT p.id, {featured} AS featured, 0.0::float8 AS rank, p.published_at"
    featured = f"p.featured_until >= %(today)s{featured_from}"
    rest = f"(p.featured_until IS NULL OR p.featured_until < %(today)s){rest_from}"
    return f"""
        ({columns.format(featured="true")} FROM jobboard_posting p
         WHERE {where} AND {featured} {NEWEST} LIMIT %(page_size)s)
        UNION ALL
        ({columns.format(featured="false")} FROM jobboard_posting p
         WHERE {where} AND {rest} {NEWEST} LIMIT %(page_size)s)
        ORDER BY 2 DESC, 4 DESC, 1 DESC
        LIMIT %(page_size)s
    """  # noqa: S608 (fixed fragments; every value is a parameter)


def _by_relevance(where: str, params: dict, after: list | None) -> str:
    params["cap"] = job_search.CAP + 1
    keyset = featured_from = ""
    if after:
        params.update(a_featured=after[0], a_rank=after[1], a_date=after[2], a_id=after[3])
        keyset = (
            " AND (c.featured, c.rank, c.published_at, c.id)"
            " < (%(a_featured)s, %(a_rank)s::float8, %(a_date)s, %(a_id)s)"
        )
        if not after[0]:  # past the featured postings: only the others remain
            featured_from = " AND false"
    # The job site's candidates (the featured ones of the newest CAP + 1 matches are all
    # among the newest CAP + 1 featured matches), each ranked once, over the capped rows
    # only (the subqueries carry the vectors). The others are read and ranked only when the
    # featured ones do not fill the page.
    featured = "coalesce(p.featured_until >= %(today)s, false) AS featured"
    pick = f"SELECT p.id, p.published_at, {featured}, p.search_fr, p.search_en"
    pick += f" FROM jobboard_posting p WHERE {where}"  # noqa: S608 (fixed fragments)
    rank = f"({job_search.rank_sql('c')})::float8 AS rank"

    def ranked(candidates: str) -> str:
        return f"SELECT c.id, c.featured, {rank}, c.published_at FROM ({candidates}) c"  # noqa: S608

    featured = f"{pick} AND p.featured_until >= %(today)s{featured_from}"
    featured_rows, other_rows = (
        ranked(f"{featured} {NEWEST} LIMIT %(cap)s"),
        ranked(f"{pick} {NEWEST} LIMIT %(cap)s"),
    )
    order = "ORDER BY 3 DESC, 4 DESC, 1 DESC LIMIT %(page_size)s"
    return f"""
        WITH f AS MATERIALIZED (
            SELECT * FROM ({featured_rows}) c WHERE true{keyset} {order}
        )
        SELECT * FROM f
        UNION ALL
        (SELECT * FROM ({other_rows}) c
         WHERE NOT c.featured{keyset} AND (SELECT count(*) FROM f) < %(page_size)s {order})
        ORDER BY 2 DESC, 3 DESC, 4 DESC, 1 DESC
        LIMIT %(page_size)s
    """  # noqa: S608 (fixed fragments; every value is a parameter)


def page_sql(criteria, *, after: list | None, size: int, today=None) -> tuple[str, dict]:
    """The query of one page (size + 1 rows: the extra one says a next page exists)."""
    params: dict = {"today": today or timezone.localdate(), "page_size": size + 1}
    where = job_search.where_clause(criteria, params)
    build = _by_relevance if criteria.by_relevance else _by_date
    return build(where, params, after), params


def page(criteria, *, after: list | None, size: int) -> tuple[list[tuple[Posting, bool]], list]:
    """(posting, featured) rows of one page and the cursor values of the last row ([] when
    it is the last page)."""
    sql, params = page_sql(criteria, after=after, size=size)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    more = len(found) > size
    found = found[:size]
    postings = {
        p.pk: p
        for p in Posting.objects.filter(pk__in=[row[0] for row in found])
        .select_related("group__organisation", "group__employer_profile")
        .defer(*SECTIONS)
    }
    rows = [(postings[pk], featured) for pk, featured, _rank, _date in found if pk in postings]
    last = found[-1] if found and more else None
    cursor_values = (
        [bool(last[1]), float(last[2]), last[3].isoformat(), int(last[0])] if last else []
    )
    return rows, cursor_values


def parse_after(values: list) -> list:
    featured, rank, date, pk = values
    return [featured, float(rank), datetime.datetime.fromisoformat(date), pk]
