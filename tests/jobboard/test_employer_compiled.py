"""The employer pages read with queries compiled once per process (issue 19): what is written
after a page's first render shows on the next one (counts, cart, postings sent back, the
postings table and its pages, the performance figures)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from billing.models import CartLine, Product
from jobboard.postings.models import Posting
from jobboard.statistics.models import PostingDailyStat
from tests.jobboard.postings_helpers import complete_posting, ready_group

pytestmark = pytest.mark.django_db
S = Posting.State


@pytest.fixture(autouse=True)
def _french_pages():
    with translation.override("fr"):
        yield


def page(client, group, name, query="") -> str:
    response = client.get(reverse(f"jobboard:{name}", args=[group.pk]) + query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_dashboard_shows_what_was_written_after_its_first_render(client, alice):
    group = ready_group(alice)
    client.force_login(alice)
    first = page(client, group, "dashboard")
    assert re.search(r'data-testid="cart-count">0<', first)
    assert 'data-testid="to-revise"' not in first
    complete_posting(group, alice, title_fr="Brouillon A")
    complete_posting(group, alice, state=S.TO_REVISE, title_fr="À revoir B")
    complete_posting(group, alice, state=S.ARCHIVED, title_fr="Rangée C")
    product = Product.objects.filter(active=True, code__startswith="jobboard-").first()
    CartLine.objects.create(group=group, product=product, quantity=3)
    again = page(client, group, "dashboard")
    assert re.search(r'data-testid="cart-count">3<', again)
    section = again.split('data-testid="to-revise"')[1].split("</section>")[0]
    assert "À revoir B" in section and "Brouillon A" not in section
    assert "(2)" in again  # "All" leaves the archived one out
    assert "Brouillon A" in again and "Rangée C" not in again
    # Another group's dashboard sees none of it.
    other = ready_group(alice, name="Autre firme")
    elsewhere = page(client, other, "dashboard")
    assert "Brouillon A" not in elsewhere and re.search(r'data-testid="cart-count">0<', elsewhere)


def test_the_postings_table_pages_and_filters_after_its_first_render(client, alice):
    group = ready_group(alice)
    client.force_login(alice)
    assert "Poste" not in page(client, group, "postings")
    assert "Poste" not in page(client, group, "postings", f"?status={S.ACTIVE}")
    for n in range(27):
        complete_posting(group, alice, title_fr=f"Poste {n:02d}")
    complete_posting(group, alice, state=S.ACTIVE, live=True, title_fr="En ligne")
    first = page(client, group, "postings")
    assert "Poste 26" in first and "Poste 00" not in first and "Page 1 sur 2" in first
    second = page(client, group, "postings", "?page=2")
    assert "Poste 00" in second and "Poste 26" not in second
    assert "Poste 00" in page(client, group, "postings", "?page=99")  # the last page
    active = page(client, group, "postings", f"?status={S.ACTIVE}")
    assert "En ligne" in active and "Poste" not in active


def test_the_postings_table_reads_the_cart_count_with_its_rows_or_alone(client, alice):
    # The page's statement carries the menu's cart count; an empty page reads it on its own.
    group = ready_group(alice)
    client.force_login(alice)
    assert re.search(r'data-testid="cart-count">0<', page(client, group, "postings"))
    product = Product.objects.filter(active=True, code__startswith="jobboard-").first()
    CartLine.objects.create(group=group, product=product, quantity=4)
    assert re.search(r'data-testid="cart-count">4<', page(client, group, "postings"))
    complete_posting(group, alice, title_fr="Poste seul")
    html = page(client, group, "postings")
    assert "Poste seul" in html and re.search(r'data-testid="cart-count">4<', html)
    empty = page(client, group, "postings", f"?status={S.ACTIVE}")
    assert "Poste seul" not in empty and re.search(r'data-testid="cart-count">4<', empty)
    CartLine.objects.filter(group=group).delete()
    assert re.search(r'data-testid="cart-count">0<', page(client, group, "postings"))


def test_the_performance_page_counts_figures_written_after_its_first_render(client, alice):
    group = ready_group(alice)
    client.force_login(alice)
    assert re.search(r'data-testid="cart-count">0<', page(client, group, "performance"))
    posting = complete_posting(group, alice, title_fr="Mesurée")
    product = Product.objects.filter(active=True, code__startswith="jobboard-").first()
    CartLine.objects.create(group=group, product=product, quantity=2)
    PostingDailyStat.objects.create(posting=posting, day=timezone.localdate(), views=4, clicks=2)
    html = page(client, group, "performance")
    assert re.search(r'data-testid="total-views">4<', html)
    assert re.search(r'data-testid="total-clicks">2<', html)
    assert "Mesurée" in html and re.search(r'data-testid="cart-count">2<', html)
    # The chosen posting (a query of its own shape) and another period.
    start = timezone.localdate() - datetime.timedelta(days=3)
    query = f"?posting={posting.pk}&start={start.isoformat()}"
    assert re.search(r'data-testid="total-views">4<', page(client, group, "performance", query))
    before = (timezone.localdate() - datetime.timedelta(days=10)).isoformat()
    query = f"?start={start - datetime.timedelta(days=20)}&end={before}"
    assert re.search(r'data-testid="total-views">0<', page(client, group, "performance", query))
