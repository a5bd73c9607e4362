"""The public list's query: the job site's search (jobboard.public.search: its filters, full
text in both languages, featured first, its cap of 1,000 candidates), paged with a keyset
cursor instead of page numbers. Two queries whatever the page size: the page of ids, then
the postings with their company."""

import datetime

from django.db import connection

from jobboard.postings.models import Posting
from jobboard.public import search as job_search

SECTIONS = job_search.SECTIONS


def page(criteria, *, after: list | None, size: int) -> tuple[list[tuple[Posting, bool]], list]:
    """(posting, featured) rows of one page and the cursor values of the last row ([] when
    it is the last page)."""
    inner, params = job_search.results_sql(criteria, page=1, size=2 * (job_search.CAP + 1))
    params["offset"] = 0
    params["page_size"] = size + 1
    keyset = ""
    if after:
        params.update(a_featured=after[0], a_rank=after[1], a_date=after[2], a_id=after[3])
        keyset = (
            "WHERE (s.featured, s.rank::float8, p.published_at, s.id)"
            " < (%(a_featured)s, %(a_rank)s::float8, %(a_date)s, %(a_id)s)"
        )
    sql = f"""
        SELECT s.id, s.featured, s.rank::float8, p.published_at
        FROM ({inner}) s JOIN jobboard_posting p ON p.id = s.id
        {keyset}
        ORDER BY s.featured DESC, s.rank::float8 DESC, p.published_at DESC, s.id DESC
        LIMIT %(page_size)s
    """  # noqa: S608 (fixed fragments; every value is a parameter)
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
