"""The employer's performance page (J9): period and posting, totals, chart and table, CSV;
another group's posting id is ignored; archived postings leave it; fixed query count."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from jobboard.postings.models import Posting
from jobboard.statistics.models import PostingDailyStat
from tests.factories import UserFactory, make_member
from tests.jobboard.postings_helpers import complete_posting, ready_group

pytestmark = pytest.mark.django_db
TODAY = None


@pytest.fixture
def group(alice):
    return ready_group(alice)


def stat(posting, days_ago, views=0, clicks=0, shares=0):
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    return PostingDailyStat.objects.create(
        posting=posting, day=day, views=views, clicks=clicks, shares=shares
    )


def page_url(group, lang="en", name="performance", **query):
    with translation.override(lang):
        address = reverse(f"jobboard:{name}", args=[group.pk])
    if query:
        address += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return address


def total(page: str, which: str) -> str:
    marker = f'data-testid="total-{which}">'
    return page.split(marker, 1)[1].split("<", 1)[0]


def test_totals_of_the_last_30_days_by_default(client, group, alice):
    first, second = complete_posting(group, alice), complete_posting(group, alice)
    stat(first, 0, views=5, clicks=2, shares=1)
    stat(second, 3, views=7)
    stat(first, 40, views=100)  # outside the default period
    client.force_login(alice)
    page = client.get(page_url(group)).content.decode()
    assert (total(page, "views"), total(page, "clicks"), total(page, "shares")) == ("12", "2", "1")
    assert "<svg" in page and '<title id="chart-title">' in page and "<polyline" in page
    assert page.count('<tr><th scope="row">') == 30  # the table: one row per day
    one = client.get(page_url(group, posting=second.pk)).content.decode()
    assert total(one, "views") == "7"
    longer = client.get(page_url(group, start=timezone.localdate() - datetime.timedelta(days=60)))
    assert total(longer.content.decode(), "views") == "112"


def test_french_page(client, group, alice):
    client.force_login(alice)
    page = client.get(page_url(group, "fr")).content.decode()
    assert "Clics pour postuler" in page and "Exporter en CSV" in page


def test_archived_postings_leave_the_page(client, group, alice):
    archived = complete_posting(group, alice, state=Posting.State.ARCHIVED)
    stat(archived, 1, views=9)
    client.force_login(alice)
    page = client.get(page_url(group)).content.decode()
    assert total(page, "views") == "0"
    assert f"(#{archived.pk})" not in page
    refused = client.get(page_url(group, posting=archived.pk)).content.decode()
    assert total(refused, "views") == "0"


def test_another_groups_posting_id_is_refused(client, group, alice, charlie):
    other = ready_group(charlie, name="Autre firme")
    foreign = complete_posting(other, charlie)
    stat(foreign, 1, views=50, clicks=5, shares=5)
    mine = complete_posting(group, alice)
    stat(mine, 1, views=3)
    client.force_login(alice)
    page = client.get(page_url(group, posting=foreign.pk)).content.decode()
    assert total(page, "views") == "3"  # never the other group's figures
    assert "Select a valid choice" in page
    text = client.get(page_url(group, name="performance_csv", posting=foreign.pk))
    assert "50" not in b"".join(text.streaming_content).decode()


def test_bad_periods_are_refused(client, group, alice):
    client.force_login(alice)
    today = timezone.localdate()
    page = client.get(page_url(group, start=today, end=today - datetime.timedelta(days=3)))
    assert "The end of the period comes before its start." in page.content.decode()
    page = client.get(page_url(group, start=today - datetime.timedelta(days=400), end=today))
    assert "Choose a period of one year at most." in page.content.decode()


def test_csv_export(client, group, alice):
    posting = complete_posting(group, alice)
    stat(posting, 2, views=4, clicks=1, shares=2)
    stat(posting, 1, views=6)
    client.force_login(alice)
    response = client.get(page_url(group, name="performance_csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Day", "Posting number", "Posting", "Views", "Apply clicks", "Shares"]
    day = (timezone.localdate() - datetime.timedelta(days=2)).isoformat()
    assert rows[1] == [day, str(posting.pk), "Structural engineer", "4", "1", "2"]
    assert len(rows) == 3
    fr = b"".join(client.get(page_url(group, "fr", "performance_csv")).streaming_content)
    assert "Ingénieur·e en structures" in fr.decode("utf-8-sig")


def test_who_may_see_it(client, group, alice):
    finance, poster = UserFactory(), UserFactory()
    make_member(finance, group, ["jobboard.finance_manager"])
    make_member(poster, group, ["jobboard.posting_manager"])
    client.force_login(poster)
    assert client.get(page_url(group)).status_code == 200
    assert "Performance" in client.get(page_url(group)).content.decode()
    client.force_login(finance)
    assert client.get(page_url(group)).status_code == 403
    assert client.get(page_url(group, name="performance_csv")).status_code == 403
    client.logout()
    assert client.get(page_url(group)).status_code == 302  # to sign in
    client.force_login(alice)
    assert client.post(page_url(group)).status_code == 405


def queries_for(client, address) -> int:
    client.get(address)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    assert response.status_code == 200
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return len(captured)


@pytest.mark.parametrize("name", ["performance", "performance_csv"])
def test_fixed_query_count(client, name):
    counts = []
    for size in (1, 50):
        user = UserFactory()
        group = ready_group(user, name=f"Firme {size}")
        for _ in range(size):
            posting = complete_posting(group, user)
            stat(posting, 1, views=1)
            stat(posting, 2, clicks=1)
        client.force_login(user)
        counts.append(queries_for(client, page_url(group, name=name)))
    assert counts[0] == counts[1], counts


def test_the_french_page_keeps_its_dates_and_chart_readable(client, group, alice):
    """The date inputs show the period (ISO, the only format they read) and the chart's
    coordinates stay numbers (a localised "32,5" breaks the SVG)."""
    import re

    stat(complete_posting(group, alice), 0, views=3)
    client.force_login(alice)
    page = client.get(page_url(group, lang="fr")).content.decode()
    today = timezone.localdate()
    start = today - datetime.timedelta(days=29)
    assert f'value="{start:%Y-%m-%d}"' in page and f'value="{today:%Y-%m-%d}"' in page
    assert "Destinataire" not in page  # « To » of a period is « Au », not an e-mail's « À »
    xs = re.findall(r'<text x="([^"]+)"', page)
    assert xs and all("," not in x for x in xs)
