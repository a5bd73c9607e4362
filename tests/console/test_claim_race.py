"""Two reviewers take the same item at the same instant, on two real connections: the
conditional UPDATE lets one through, the other is told who has it."""

import pytest

from portal.console.models import WorkItem
from portal.console.services import Taken, work_take
from tests.console.helpers import review_item, staff
from tests.utils import run_concurrently

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("attempt", range(3))
def test_two_reviewers_taking_one_item(attempt):
    item = review_item("regulator")
    ann, ben = staff("regulator"), staff("regulator")
    results = run_concurrently(
        lambda: work_take(item=WorkItem.objects.get(pk=item.pk), actor=ann),
        lambda: work_take(item=WorkItem.objects.get(pk=item.pk), actor=ben),
        refused=(Taken,),
    )
    won = [r for r in results if isinstance(r, WorkItem)]
    lost = [r for r in results if isinstance(r, Taken)]
    assert len(won) == 1 and len(lost) == 1
    winner = won[0].assignee
    assert lost[0].holder == winner
    item.refresh_from_db()
    assert item.assignee == winner
