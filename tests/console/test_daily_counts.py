"""The overview's weeks come from pre-counted days (DailyCount, kept by database triggers):
after arrivals, decisions, set-based updates, a decision undone and deletions, they equal a
recount of the items themselves."""

import datetime

import pytest
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from portal.console import queries
from portal.console.models import DailyCount, WorkItem
from portal.console.services import work_take
from tests.console.helpers import review_item, staff

pytestmark = pytest.mark.django_db

OFFICES = ["regulator", "city"]


def recount() -> dict[tuple, tuple[int, int]]:
    """{(office, kind, day): (arrivals, decisions)} counted from the items."""
    tz = timezone.get_current_timezone()
    out: dict[tuple, list[int]] = {}
    arrivals = (
        WorkItem.objects.annotate(day=TruncDate("created_at", tzinfo=tz))
        .values_list("office", "kind", "day")
        .annotate(n=Count("pk"))
    )
    for office, kind, day, n in arrivals:
        out.setdefault((office, kind, day), [0, 0])[0] = n
    decisions = (
        WorkItem.objects.filter(state="decided")
        .annotate(day=TruncDate("decided_at", tzinfo=tz))
        .values_list("office", "kind", "day")
        .annotate(n=Count("pk"))
    )
    for office, kind, day, n in decisions:
        out.setdefault((office, kind, day), [0, 0])[1] = n
    return {key: (a, d) for key, (a, d) in out.items()}


def stored() -> dict[tuple, tuple[int, int]]:
    return {
        (r.office, r.kind, r.day): (r.arrivals, r.decisions)
        for r in DailyCount.objects.all()
        if r.arrivals or r.decisions
    }


def weekly_recount(weeks: int = 12) -> list[dict]:
    """The overview's weeks counted from the items (the query the daily counts replaced)."""
    counted = recount()
    today = timezone.localdate()
    first = today - datetime.timedelta(days=today.weekday(), weeks=weeks - 1)
    out = []
    for i in range(weeks):
        week = first + datetime.timedelta(weeks=i)
        days = [k for k in counted if k[0] in OFFICES and week <= k[2] < week + WEEK]
        out.append(
            {
                "week": week,
                "arrivals": sum(counted[k][0] for k in days),
                "decisions": sum(counted[k][1] for k in days),
            }
        )
    return out


WEEK = datetime.timedelta(weeks=1)


def test_the_weeks_equal_a_recount_after_every_kind_of_change(
    client, django_capture_on_commit_callbacks
):
    boss = staff(*OFFICES, level="supervisor")
    items = [review_item(OFFICES[n % 2], name=f"Firme {n} inc.") for n in range(8)]
    now = timezone.now()
    # Arrivals spread over past weeks (a set-based update moves them).
    for n, item in enumerate(items):
        WorkItem.objects.filter(pk=item.pk).update(created_at=now - n * datetime.timedelta(days=5))
    work_take(item=items[0], actor=boss)
    # Decisions: one through the console's page, several set-based, on other days.
    client.force_login(boss)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/console/items/{items[0].pk}/", {"decision": "approve", "note": ""})
    WorkItem.objects.filter(pk__in=[i.pk for i in items[1:5]]).update(
        state="decided", decided_at=now - datetime.timedelta(days=9), decided_by=boss
    )
    assert stored() == recount()
    # A decision undone (back to waiting), another moved to another day, one withdrawn.
    WorkItem.objects.filter(pk=items[1].pk).update(state="waiting", decided_at=None)
    WorkItem.objects.filter(pk=items[2].pk).update(decided_at=now - datetime.timedelta(days=20))
    WorkItem.objects.filter(pk=items[5].pk).update(state="withdrawn", decided_at=now)
    # An item deleted, one moved to another office; an update that changes nothing counted.
    WorkItem.objects.filter(pk=items[3].pk).delete()
    WorkItem.objects.filter(pk=items[4].pk).update(office="ministry")
    WorkItem.objects.filter(pk=items[6].pk).update(due_date=datetime.date(2020, 1, 6))
    assert stored() == recount()
    weeks = queries.weekly(OFFICES, 12)
    assert weeks == weekly_recount()
    assert sum(w["arrivals"] for w in weeks) == 6 and sum(w["decisions"] for w in weeks) == 2
    response = client.get("/en/console/overview/")
    assert response.context["weeks"] == weeks
