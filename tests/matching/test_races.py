"""Races on real concurrent connections: the profile row lock decides."""

import pytest

from credentials.models import Credential
from matching.models import ProfileState, SavedSearch, SavedSearchMatch
from matching.services import (
    MatchingError,
    operator_credential_save,
    operator_submit,
    operator_withdraw,
    saved_search_alerts,
)
from portal.models import OutboundEmail, Review
from tests.matching import helpers
from tests.utils import run_concurrently

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(*calls):
    results = run_concurrently(*calls, refused=(MatchingError,))
    return sorted("refused" if isinstance(r, MatchingError) else "done" for r in results)


@pytest.mark.parametrize("attempt", range(3))
def test_double_submit_opens_one_review(attempt):
    profile = helpers.operator(state=ProfileState.DRAFT)
    user = profile.user
    outcomes = run_together(
        lambda: operator_submit(profile=profile, actor=user),
        lambda: operator_submit(profile=profile, actor=user),
    )
    assert outcomes == ["done", "refused"]
    assert Review.objects.filter(state="open").count() == 1


@pytest.mark.parametrize("attempt", range(3))
def test_edit_racing_the_tick_never_changes_a_submitted_profile(attempt):
    profile = helpers.operator(state=ProfileState.DRAFT)
    user = profile.user
    credential = Credential.objects.get(holder=user)
    original = credential.number

    def edit():
        operator_credential_save(
            profile=profile,
            actor=user,
            credential=credential,
            type=credential.type,
            credential_class=credential.credential_class,
            number="EDITED",
            expires_on=credential.expires_on,
        )

    outcomes = run_together(edit, lambda: operator_submit(profile=profile, actor=user))
    profile.refresh_from_db()
    credential.refresh_from_db()
    assert profile.state == ProfileState.SUBMITTED
    if outcomes == ["done", "done"]:
        # The edit went first: the submission then saw the edited certificate.
        assert credential.number == "EDITED"
    else:
        assert outcomes == ["done", "refused"] and credential.number == original


def test_untick_racing_untick():
    profile = helpers.operator(state=ProfileState.ACTIVE)
    user = profile.user
    assert run_together(
        lambda: operator_withdraw(profile=profile, actor=user),
        lambda: operator_withdraw(profile=profile, actor=user),
    ) == ["done", "refused"]


def test_overlapping_alert_runs_email_once():
    owner = helpers.owner()
    user = owner.group.memberships.get().user
    SavedSearch.objects.create(owner=owner, created_by=user, name="All")
    op = helpers.operator()
    run_together(
        lambda: saved_search_alerts(operator_id=op.pk),
        lambda: saved_search_alerts(operator_id=op.pk),
        lambda: saved_search_alerts(operator_id=op.pk),
    )
    assert SavedSearchMatch.objects.count() == 1
    assert OutboundEmail.objects.filter(template="matching_new_operator").count() == 1
