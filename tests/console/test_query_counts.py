"""The console's pages run a fixed number of SQL statements with 1 and with 50 items."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.console.models import WorkItem
from portal.console.services import work_take
from tests.console.helpers import review_item, staff

pytestmark = pytest.mark.django_db

# Each page, and what the first item is, so that the page lists it.
PAGES = [
    ("/fr/console/", "free"),
    ("/fr/console/?state=overdue", "late"),
    ("/fr/console/?state=mine", "mine"),
    ("/fr/console/?state=decided", "decided"),
    ("/fr/console/?q=inc", "free"),
    ("/fr/console/overview/", "mine"),
    ("/fr/dashboard/", "free"),
]
SHAPES = ("free", "late", "mine", "decided")


def queries_for(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def shaped(item, shape: str, boss) -> None:
    if shape == "late":
        WorkItem.objects.filter(pk=item.pk).update(due_date="2020-01-06")
    elif shape == "mine":
        work_take(item=item, actor=boss)
    elif shape == "decided":
        WorkItem.objects.filter(pk=item.pk).update(
            state="decided", decided_by=boss, decided_at=item.created_at
        )


@pytest.mark.parametrize(("url", "first"), PAGES)
def test_fixed_query_count(client, url, first):
    boss = staff("regulator", "city", level="supervisor")
    counts = []
    for size in (1, 50):
        # One item the page lists; then 49 of every shape, in both offices.
        for n in range(size):
            item = review_item("regulator" if n % 2 else "city", name=f"Firme {n} inc.")
            shaped(item, first if size == 1 else SHAPES[n % len(SHAPES)], boss)
        client.force_login(boss)
        counts.append(queries_for(client, url))
    assert counts[0] == counts[1], counts
