"""Issue 17 item 13: the regulator's inbox row and the decision e-mail of a posting read in
the reader's language (the English title for English readers), however the row was stored."""

from importlib import import_module

import pytest
from django.apps import apps
from django.utils import translation

from jobboard.postings import services
from portal.models import Review
from portal.services.reviews import review_decide
from portal.templatetags.portal_tags import review_summary
from tests.jobboard.postings_helpers import open_review, ready_group, submitted
from tests.utils import last_email_to

pytestmark = pytest.mark.django_db
ENGLISH = "Job posting: Structural engineer — Mines du Nord inc."


def fresh(review: Review) -> Review:
    return Review.objects.get(pk=review.pk)


def test_the_inbox_row_is_read_in_each_language(english_user):
    group = ready_group(english_user, name="Mines du Nord inc.")
    review = open_review(submitted(group, english_user))
    with translation.override("en"):
        assert review_summary(fresh(review)) == ENGLISH
    with translation.override("fr"):
        assert review_summary(fresh(review)) == (
            "Offre d’emploi\u00a0: Ingénieur·e en structures — Mines du Nord inc."
        )


def test_a_posting_without_an_english_title_shows_the_french_one(english_user):
    group = ready_group(english_user)
    review = open_review(submitted(group, english_user, title_en=""))
    with translation.override("en"):
        assert "Job posting: Ingénieur·e en structures" in review_summary(fresh(review))


def test_the_decision_subject_is_in_the_recipients_language(
    english_user, dana, django_capture_on_commit_callbacks
):
    group = ready_group(english_user)
    posting = submitted(group, english_user)
    with django_capture_on_commit_callbacks(execute=True), translation.override("fr"):
        review_decide(
            review=open_review(posting), actor=dana, decision="request_changes", note="Précisez."
        )
    subject = last_email_to(english_user.email).subject
    assert subject.startswith("Changes needed: Job posting: Structural engineer"), subject


def test_the_data_migration_converts_rows_stored_in_french(english_user):
    group = ready_group(english_user, name="Mines du Nord inc.")
    review = open_review(submitted(group, english_user))
    Review.objects.filter(pk=review.pk).update(
        summary_key=None,
        summary="Offre d'emploi : Ingénieur·e en structures — Mines du Nord inc.",
    )
    import_module("jobboard.migrations.0004_system_text_rows").forwards(apps, None)
    with translation.override("en"):
        assert review_summary(fresh(review)) == ENGLISH
    assert fresh(review).summary_key["key"] == "jobboard.posting_review"


def test_the_key_is_the_one_the_service_records(english_user):
    group = ready_group(english_user)
    posting = submitted(group, english_user)
    assert open_review(posting).summary_key == services.posting_review_summary(posting)
