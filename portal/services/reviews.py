"""Office staff reviews (C7): opening one, and deciding it."""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.staff import offices_of
from portal.errors import CoreError
from portal.lib.dates import add_business_days
from portal.models import Review
from portal.notify import notify
from portal.review_kinds import get_review_kind
from portal.services.audit import audit_record
from portal.system_text import is_system_text, render_system_text

security_log = logging.getLogger("portal.security")

DECISION_STATES = {
    Review.Decision.APPROVE: Review.State.APPROVED,
    Review.Decision.REQUEST_CHANGES: Review.State.CHANGES_REQUESTED,
    Review.Decision.REFUSE: Review.State.REFUSED,
}


def review_open(
    *,
    kind: str,
    subject: models.Model,
    applicant,
    staff_role: str,
    summary: str | dict,
    business_days: int = 2,
) -> Review:
    """Queue `subject` for staff; if it already waits, the waiting review is returned.
    `summary` is plain data (names, numbers) or words as `portal.system_text.system_text()`,
    shown in the reader's language (inbox, decision e-mail)."""
    summary_key = summary if is_system_text(summary) else None
    if isinstance(summary, dict):
        summary = render_system_text(summary, settings.LANGUAGE_CODE)
    subject_type = ContentType.objects.get_for_model(subject)
    try:
        with transaction.atomic():
            return Review.objects.create(
                kind=kind,
                subject_type=subject_type,
                subject_id=subject.pk,
                applicant=applicant,
                staff_role=staff_role,
                summary=summary[:255],
                summary_key=summary_key,
                due_date=add_business_days(timezone.localdate(), business_days),
            )
    except IntegrityError:
        return Review.objects.get(
            kind=kind, subject_type=subject_type, subject_id=subject.pk, state=Review.State.OPEN
        )


@transaction.atomic
def review_decide(*, review: Review, actor, decision: str, note: str = "") -> Review:
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.staff_role not in offices_of(actor):
        security_log.warning("refused review=%s staff=%s", review.pk, actor.pk)
        raise PermissionDenied
    if review.state != Review.State.OPEN:
        raise CoreError(_("This request has already been decided."))
    if decision != Review.Decision.APPROVE and not note.strip():
        raise CoreError(_("Write a note to the applicant explaining the decision."))
    kind = get_review_kind(review.kind)
    callback = {
        Review.Decision.APPROVE: kind.on_approve,
        Review.Decision.REQUEST_CHANGES: kind.on_request_changes,
        Review.Decision.REFUSE: kind.on_refuse,
    }[Review.Decision(decision)]
    callback(review=review, actor=actor, note=note)
    review.state = DECISION_STATES[Review.Decision(decision)]
    review.decided_by = actor
    review.decided_at = timezone.now()
    review.note = note
    review.save(update_fields=["state", "decided_by", "decided_at", "note", "updated_at"])
    subject = review.subject
    assert subject is not None
    audit_record(
        actor=actor,
        subject=subject,
        verb=f"review.{decision}",
        from_state=Review.State.OPEN,
        to_state=review.state,
        note=note,
        data={"review": review.pk, "kind": review.kind},
    )
    security_log.info("decision review=%s staff=%s %s", review.pk, actor.pk, decision)
    if review.applicant is not None and decision not in kind.own_emails:
        notify(review.applicant, "review_decided", {"review": review, "kind": kind})
    return review
