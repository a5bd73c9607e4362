"""Kinds of work (issue 20). Each app registers what waits for an office, in its
AppConfig.ready(), the way review kinds are registered:

    register_work_kind(WorkKind(key="casework.duplicate", label=_("Suspected duplicate"),
        model=DuplicateSuspicion, offices=("ministry",), waiting=lambda: ..., is_waiting=...,
        facts=..., outcome=..., url=...))

Every review kind (portal.review_kinds) is a kind of work too, without registering again:
its items are decided on the console's own page.

The queue is materialised (portal.console.models.WorkItem): a post_save of the kind's model
opens or closes the object's item; `work_reconcile()` (every few minutes, and from
`manage.py console_sync`) catches what set-based updates changed without a signal."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from django.utils.functional import Promise


@dataclass(frozen=True)
class Facts:
    """What the queue shows and searches for an object that waits."""

    title: str
    office: str
    applicant: str = ""
    organisation: str = ""
    email: str = ""
    reference: str = ""
    arrived: datetime | None = None  # default: now


@dataclass(frozen=True)
class Outcome:
    """How an object stopped waiting: the decision's key (a state of the app), who, note.
    `withdrawn`: it left without an office decision (the applicant withdrew, deleted)."""

    outcome: str
    decided_by_id: int | None = None
    note: str = ""
    withdrawn: bool = False


def _always(obj) -> bool:
    return True


@dataclass(frozen=True)
class WorkKind:
    key: str
    label: str | Promise
    model: type[models.Model]
    offices: tuple[str, ...]  # the offices its items go to (empty: any office)
    waiting: Callable[[], models.QuerySet]  # the objects that wait now (for the reconcile)
    is_waiting: Callable[[Any], bool]  # the same, for one object just saved
    facts: Callable[[Any], Facts]
    outcome: Callable[[Any], Outcome]
    # Where the office does the work: (object) -> path. None: the console's decision page.
    url: Callable[[Any], str] | None = None
    business_days: int = 2  # the default deadline; a supervisor may change it
    applies: Callable[[Any], bool] = _always  # several kinds on one model (reviews)
    outcome_labels: dict[str, str | Promise] = field(default_factory=dict)
    review: bool = False  # a review kind: decided with approve / ask for changes / refuse


_kinds: dict[str, WorkKind] = {}


def register_work_kind(kind: WorkKind) -> WorkKind:
    _kinds[kind.key] = kind
    return kind


# --- Reviews (C7) as kinds of work ------------------------------------------------------------


def _review_facts(review) -> Facts:
    applicant = review.applicant
    return Facts(
        title=review.summary,
        office=review.staff_role,
        applicant=applicant.display_name if applicant else "",
        email=applicant.email if applicant else "",
        arrived=review.created_at,
    )


def _review_outcome(review) -> Outcome:
    return Outcome(
        outcome=review.state,
        decided_by_id=review.decided_by_id,
        note=review.note,
        withdrawn=review.state == "withdrawn",
    )


# By review kind's key, with the review kind it was made of (a kind registered again makes a
# new one). Not functools.cache: hashing a ReviewKind hashes its lazy labels, i.e. translates
# them, three times per console page (issue 19).
_review_work_kinds: dict[str, tuple[object, WorkKind]] = {}


def _review_work_kind(review_kind) -> WorkKind:
    found = _review_work_kinds.get(review_kind.key)
    if found is None or found[0] is not review_kind:
        found = _review_work_kinds[review_kind.key] = (
            review_kind,
            _new_review_work_kind(review_kind),
        )
    return found[1]


def _new_review_work_kind(review_kind) -> WorkKind:
    from portal.models import Review

    key = review_kind.key
    return WorkKind(
        key=key,
        label=review_kind.label,
        model=Review,
        offices=(),
        waiting=lambda: Review.objects.filter(kind=key, state=Review.State.OPEN),
        is_waiting=lambda review: review.state == Review.State.OPEN,
        facts=_review_facts,
        outcome=_review_outcome,
        applies=lambda review: review.kind == key,
        outcome_labels=dict(Review.State.choices),
        review=True,
    )


def work_kinds() -> list[WorkKind]:
    """Every kind: the registered ones, then one per review kind."""
    from portal.review_kinds import review_kinds

    found = dict(_kinds)
    for review_kind in review_kinds():
        found.setdefault(review_kind.key, _review_work_kind(review_kind))
    return list(found.values())


def find_work_kind(key: str) -> WorkKind | None:
    if key in _kinds:
        return _kinds[key]
    from portal.review_kinds import find_review_kind

    review_kind = find_review_kind(key)
    return _review_work_kind(review_kind) if review_kind else None


def kinds_for_model(model: type) -> list[WorkKind]:
    from portal.models import Review

    if model is Review:
        return [k for k in work_kinds() if k.review]
    return [k for k in _kinds.values() if k.model is model]


def watched_models() -> set[type]:
    from portal.models import Review

    return {Review} | {k.model for k in _kinds.values()}
