"""What each kind of review does. An app registers a ReviewKind for each thing it sends to
office staff; the inbox shows its panel and calls its callbacks on a decision."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from portal.system_text import render_system_text

Callback = Callable[..., None]  # (*, review, actor, note) -> None


def _nothing(**kwargs) -> None:
    return None


@dataclass(frozen=True)
class ReviewKind:
    key: str
    label: str | Promise
    panel_template: str  # shows the claim beside the official record
    panel_context: Callable[..., dict]  # (review) -> context for panel_template
    on_approve: Callback = _nothing
    on_request_changes: Callback = _nothing
    on_refuse: Callback = _nothing
    # The inbox's one-line summaries, rendered when read, in the reader's language:
    # (reviews) -> {review id: text}, one query for the whole page. Without it, the summary
    # stored when the review opened is shown: plain data (names, numbers), or words stored as
    # a message key (review_open(summary=system_text(...)), see portal.system_text).
    summaries: Callable[[list], dict[int, str]] | None = None
    # Where the applicant follows the request: (review) -> URL path, reversed in the
    # recipient's language. The generic decision e-mail links there (default: My groups).
    applicant_url: Callable[..., str] | None = None
    # Decisions ("approve", "request_changes", "refuse") after which the app sends its own
    # e-mail: the generic one is not sent then, so the applicant gets one message.
    own_emails: frozenset[str] = frozenset()


_kinds: dict[str, ReviewKind] = {}


def register_review_kind(kind: ReviewKind) -> ReviewKind:
    _kinds[kind.key] = kind
    return kind


def get_review_kind(key: str) -> ReviewKind:
    return _kinds[key]


def find_review_kind(key: str) -> ReviewKind | None:
    return _kinds.get(key)


def review_kinds() -> list[ReviewKind]:
    return list(_kinds.values())


def attach_summaries(reviews: list) -> list:
    """Set `display_summary` on each review, in the active language (one query per kind)."""
    by_kind: dict[str, list] = {}
    for review in reviews:
        by_kind.setdefault(review.kind, []).append(review)
    for key, group in by_kind.items():
        kind = _kinds.get(key)
        texts = kind.summaries(group) if kind and kind.summaries else {}
        for review in group:
            review.display_summary = (
                texts.get(review.pk)
                or (review.summary_key and render_system_text(review.summary_key))
                or review.summary
            )
    return reviews
