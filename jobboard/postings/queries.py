"""Reads of the job board's employer pages (fixed number of queries whatever the rows)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Subquery

from billing.models import CreditBalance, CreditEntry
from jobboard.postings.models import Posting
from jobboard.postings.services import POSTING_REVIEW
from portal.models import Review

S = Posting.State
# "All" leaves archived postings out; the "archived" filter finds them.
VISIBLE = [s for s in S.values if s != S.ARCHIVED]


def group_postings(group, status: str = ""):
    postings = Posting.objects.filter(group=group).select_related("function_type")
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


def group_postings_rows(group, status: str = ""):
    """The same postings for a table: only the columns a row shows (no function type)."""
    return group_postings(group, status).select_related(None).only(*LIST_FIELDS)


def status_counts(group) -> dict[str, int]:
    counts = dict(
        Posting.objects.filter(group=group)
        .values_list("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    return {state: counts.get(state, 0) for state in S.values}


def group_balances(group) -> dict[str, int]:
    return dict(CreditBalance.objects.filter(group=group).values_list("kind", "balance"))


def group_ledger(group):
    return (
        CreditEntry.objects.filter(group=group)
        .select_related("actor", "order_line__order")
        .order_by("-created_at", "-pk")
    )


def _latest_note():
    """The note of the posting's latest change request (a subquery on the reviews)."""
    return Subquery(
        Review.objects.filter(
            kind=POSTING_REVIEW,
            subject_type=ContentType.objects.get_for_model(Posting),
            subject_id=OuterRef("pk"),
            state=Review.State.CHANGES_REQUESTED,
        )
        .order_by("-decided_at", "-pk")
        .values("note")[:1]
    )


def revision_note(posting: Posting) -> str:
    """The regulator's note of the latest change request of this posting (one query)."""
    return (
        Posting.objects.filter(pk=posting.pk).values_list(_latest_note(), flat=True).first() or ""
    )


def postings_to_revise(group, limit: int = 10) -> list[tuple[Posting, str]]:
    """The group's postings sent back by the regulator, each with its note (one query)."""
    postings = (
        Posting.objects.filter(group=group, state=S.TO_REVISE)
        .annotate(revision_note=_latest_note())
        .order_by("-updated_at")[:limit]
    )
    return [(p, p.revision_note or "") for p in postings]
