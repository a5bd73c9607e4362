"""What each kind of review does. An app registers a ReviewKind for each thing it sends to
office staff; the inbox shows its panel and calls its callbacks on a decision."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

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


_kinds: dict[str, ReviewKind] = {}


def register_review_kind(kind: ReviewKind) -> ReviewKind:
    _kinds[kind.key] = kind
    return kind


def get_review_kind(key: str) -> ReviewKind:
    return _kinds[key]
