"""Reads of the job board's employer pages (fixed number of queries whatever the rows)."""

import datetime
import json
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import translation
from django.utils.translation import gettext as _

from billing.models import CreditBalance, CreditEntry
from billing.queries import cart_items
from jobboard.postings.models import Posting
from jobboard.postings.services import POSTING_REVIEW
from portal.lib.compiled import CompiledQuery, combined, compiled
from portal.lib.paging import TOTAL, page_of, with_total
from portal.models import Review

S = Posting.State
# "All" leaves archived postings out; the "archived" filter finds them.
VISIBLE = [s for s in S.values if s != S.ARCHIVED]


def group_postings(group, status: str = ""):
    postings = Posting.objects.filter(group=group).select_related("function_type")
    return _filtered(postings, status)


def _filtered(postings, status: str):
    if status in S.values:
        postings = postings.filter(state=status)
    else:
        postings = postings.filter(state__in=VISIBLE)
    return postings.order_by("-updated_at", "-pk")


# What a postings table shows and its actions read (jobboard.postings.views._rows).
LIST_FIELDS = (
    "pk",
    "group_id",
    "state",
    "title_fr",
    "title_en",
    "reference",
    "credit_kind",
    "live",
    "ends_on",
    "publish_on",
    "featured_until",
    "updated_at",
)


# The same columns by their attribute names, read by a compiled query (issue 19: building
# the table's query through the ORM cost more CPU than running it).
_LIST_ATTNAMES = tuple("id" if name == "pk" else name for name in LIST_FIELDS)


@dataclass(slots=True)
class ListedPosting:
    """A posting as a table row or the dashboard's list reads it: the `LIST_FIELDS` only, and
    its title as `Posting.__str__` gives it (a model instance costs more to build than the
    whole row's HTML)."""

    id: int
    group_id: int | None = None
    state: str = ""
    title_fr: str = ""
    title_en: str = ""
    reference: str = ""
    credit_kind: str = ""
    live: bool = False
    ends_on: datetime.date | None = None
    publish_on: datetime.date | None = None
    featured_until: datetime.date | None = None
    updated_at: datetime.datetime | None = None

    @property
    def pk(self) -> int:
        return self.id

    def __str__(self) -> str:
        if self.title_en and translation.get_language() == "en":
            return self.title_en
        return self.title_fr or str(_("Untitled posting"))


def _list_postings(group_id, *state):
    """The group's postings in the table's order: in `state` if given (a compiled query's
    stand-in), else the visible ones."""
    postings = Posting.objects.filter(group_id=group_id)
    postings = postings.filter(state=state[0]) if state else postings.filter(state__in=VISIBLE)
    return postings.order_by("-updated_at", "-pk")


def _postings_of(rows) -> list[ListedPosting]:
    return [ListedPosting(*row) for row in rows]


_LATEST = CompiledQuery(lambda group_id: _list_postings(group_id).values_list(*_LIST_ATTNAMES), 1)


def latest_postings(group, limit: int = 10) -> list[ListedPosting]:
    """The group's `limit` latest non-archived postings, for the dashboard's table."""
    return _postings_of(_LATEST.rows(group.pk, limit=limit))


def _page_rows(group_id, *state):
    """The table's rows, each with the cart's item count for the employer menu (an
    uncorrelated subquery: run once) and the total."""
    cart = Subquery(cart_items(group_id))
    rows = with_total(_list_postings(group_id, *state).annotate(cart=cart))
    return rows.values_list(*_LIST_ATTNAMES, "cart", TOTAL)


def postings_page(group, status: str, requested, per_page: int) -> tuple[Page, int | None]:
    """Page `requested` of the group's postings (in one state if `status` is one), its count
    and the cart's item count in one statement; the page's rows are postings with the
    table's columns. The cart count is None when the page has no rows (the menu reads it)."""
    by_state = status in S.values
    arity = 2 if by_state else 1
    query = compiled(("jobboard.postings_page", arity), _page_rows, arity)
    values = (group.pk, status) if by_state else (group.pk,)
    page = page_of(
        query,
        values,
        requested,
        lambda: _filtered(Posting.objects.filter(group=group), status).count(),
        per_page,
    )
    rows = page.object_list
    cart = (rows[0][-1] or 0) if rows else None
    page.object_list = _postings_of(row[:-1] for row in rows)
    return page, cart


def group_balances(group) -> dict[str, int]:
    return dict(CreditBalance.objects.filter(group=group).values_list("kind", "balance"))


def group_ledger(group):
    return (
        CreditEntry.objects.filter(group=group)
        .select_related("actor", "order_line__order")
        .order_by("-created_at", "-pk")
    )


def revision_note(posting: Posting) -> str:
    """The regulator's note of the latest change request of this posting (one query)."""
    return (
        Posting.objects.filter(pk=posting.pk)
        .values_list(_latest_note_of(ContentType.objects.get_for_model(Posting).pk), flat=True)
        .first()
        or ""
    )


def _to_revise(group_id, content_type_id):
    return (
        Posting.objects.filter(group_id=group_id, state=S.TO_REVISE)
        .annotate(note=_latest_note_of(content_type_id))
        .order_by("-updated_at", "-pk")
        .values("id", "title_fr", "title_en", "note", "updated_at")[:10]
    )


def _latest_note_of(content_type_id):
    """The note of the posting's latest change request (a subquery on the reviews)."""
    return Subquery(
        Review.objects.filter(
            kind=POSTING_REVIEW,
            subject_type_id=content_type_id,
            subject_id=OuterRef("pk"),
            state=Review.State.CHANGES_REQUESTED,
        )
        .order_by("-decided_at", "-pk")
        .values("note")[:1]
    )


def _dashboard_figures(group_id, content_type_id):
    states = {f"n_{state}": Count("pk", filter=Q(state=state)) for state in S.values}
    counts = (
        Posting.objects.filter(group_id=group_id)
        .values("group_id")
        .annotate(**states)
        .values_list(*states)
        .order_by()
    )
    return combined(
        # One row even for a group without postings (its counts are NULL then); the postings
        # sent back, newest first, as a JSON list [[id, title_fr, title_en, note], …].
        "SELECT s.*, ({}), (SELECT json_agg(json_build_array(r.id, r.title_fr, r.title_en,"
        " r.note) ORDER BY r.updated_at DESC, r.id DESC) FROM ({}) r)"
        " FROM (SELECT 1) AS one LEFT JOIN ({}) AS s ON TRUE",
        cart_items(group_id),
        _to_revise(group_id, content_type_id),
        counts,
    )


_DASHBOARD = CompiledQuery(_dashboard_figures, 2)


def dashboard_figures(group) -> tuple[dict[str, int], int, list[tuple[ListedPosting, str]]]:
    """The dashboard's counts by status, the cart's item count and the postings sent back by
    the regulator with their notes (at most 10): one statement."""
    row = _DASHBOARD.rows(group.pk, ContentType.objects.get_for_model(Posting).pk)[0]
    *numbers, cart, revise = row
    counts = {state: n or 0 for state, n in zip(S.values, numbers, strict=True)}
    if isinstance(revise, str):  # psycopg loads json, unless told otherwise
        revise = json.loads(revise)
    to_revise = [
        (ListedPosting(pk, group.pk, S.TO_REVISE, fr or "", en or ""), note or "")
        for pk, fr, en, note in revise or []
    ]
    return counts, cart or 0, to_revise
