"""The employer demo: a few hundred imported companies with duplicates, the demo group ready
to post, and running it twice changes nothing."""

import pytest

from jobboard import demo
from jobboard.employer import demo as employer_demo
from jobboard.employer.company import missing_company_info
from portal.demo import seed_accounts, seed_core
from portal.models import Group, Organisation
from portal.selectors import organisation_search

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_ready_to_post():
    seed_accounts()
    seed_core()
    demo.seed()
    count = Organisation.objects.filter(imported=True).count()
    demo.seed()
    assert Organisation.objects.filter(imported=True).count() == count
    assert 300 <= count <= 400
    group = Group.objects.get(
        organisation__legal_name="Génie Conseil Laurentides inc.", name="Group 001"
    )
    assert missing_company_info(group) == []
    results = list(organisation_search(str(employer_demo.FIRST_NEQ)))
    assert len(results) == 3 and all(r.has_duplicates for r in results)


def test_the_boosts_demo_has_a_sent_and_a_pending_targeted_send():
    from jobboard.boosts.models import TargetedSend
    from portal.models import AlertPreference

    seed_accounts()
    seed_core()
    demo.seed()
    demo.seed()
    states = sorted(TargetedSend.objects.values_list("state", flat=True))
    assert states == ["pending", "sent"]
    sent = TargetedSend.objects.get(state="sent")
    assert sent.recipients.count() == sent.sent_count == sent.recipient_count > 0
    assert (
        AlertPreference.objects.filter(user__email="employer@example.com", enabled=True).count()
        >= 4
    )
