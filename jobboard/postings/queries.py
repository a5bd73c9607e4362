"""Reads of the job board's employer pages (fixed number of queries whatever the rows)."""

from django.db.models import Count

from billing.models import CreditBalance, CreditEntry
from jobboard.postings.models import Posting

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
