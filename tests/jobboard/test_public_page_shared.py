"""The posting page's shared part (issue 19): rendered once for every visitor and kept in the
shared cache, with each visitor's own follow button put in per request; a change of the
posting or of its company shows at once."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jobboard.employer.models import EmployerGroupProfile
from jobboard.seekers.models import Follow
from tests.factories import UserFactory
from tests.jobboard.page_helpers import BROWSER, live_posting
from tests.jobboard.postings_helpers import ready_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def posting(alice):
    return live_posting(ready_group(alice), alice)


def _page(client, address) -> str:
    response = client.get(address, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    return response.content.decode()


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_each_visitor_gets_their_own_follow_button(posting, bob):
    address = f"/fr/jobs/{posting.pk}/"
    follower, other = bob, UserFactory()
    Follow.objects.create(user=follower, group_id=posting.group_id)
    unfollow = f"/fr/jobs/companies/{posting.group_id}/unfollow/"
    follow = f"/fr/jobs/companies/{posting.group_id}/follow/"
    anonymous = _page(Client(), address)  # the shared part is stored by this first visit
    assert f'href="/fr/accounts/login/?next={address}"' in anonymous
    assert follow not in anonymous and "csrfmiddlewaretoken" not in anonymous
    follower_client = _signed_in(follower)
    page = _page(follower_client, address + "?from=<mail>")
    assert unfollow in page and follow not in page
    assert f'name="next" value="{address}?from=%3Cmail%3E"' in page
    token = follower_client.cookies["csrftoken"].value
    assert token and 'name="csrfmiddlewaretoken"' in page
    page = _page(_signed_in(other), address)
    assert follow in page and unfollow not in page
    assert f'name="next" value="{address}"' in page


def test_a_change_of_the_posting_or_company_shows_at_once(posting, bob):
    client = _signed_in(bob)
    address = f"/fr/jobs/{posting.pk}/"
    assert "Ingénieur·e des ponts" not in _page(client, address)
    posting.published = {**posting.published, "title_fr": "Ingénieur·e des ponts"}
    posting.save()
    assert "Ingénieur·e des ponts" in _page(client, address)
    EmployerGroupProfile.objects.update_or_create(
        group=posting.group, defaults={"company_name": "Ponts et chaussées inc."}
    )
    assert "Ponts et chaussées inc." in _page(client, address)
    posting.live = False
    posting.save()
    assert client.get(address).status_code == 410


def test_the_shared_part_is_per_language_and_site_address(posting, bob, settings):
    settings.ALLOWED_HOSTS = ["testserver", "one.example", "two.example"]
    client = _signed_in(bob)
    french = _page(client, f"/fr/jobs/{posting.pk}/")
    english = _page(client, f"/en/jobs/{posting.pk}/")
    assert "Retour aux offres" in french and "Back to the job postings" in english
    one = client.get(f"/fr/jobs/{posting.pk}/", HTTP_HOST="one.example").content.decode()
    two = client.get(f"/fr/jobs/{posting.pk}/", HTTP_HOST="two.example").content.decode()
    assert f'href="http://one.example/fr/jobs/{posting.pk}/"' in one
    assert f'href="http://two.example/fr/jobs/{posting.pk}/"' in two


def test_a_signed_in_visit_reads_no_posting_once_the_page_is_shared(posting, bob):
    client = _signed_in(bob)
    address = f"/fr/jobs/{posting.pk}/"
    _page(client, address)
    with CaptureQueriesContext(connection) as captured:
        _page(client, address)
    statements = [query["sql"] for query in captured]
    assert not any('FROM "jobboard_posting"' in sql for sql in statements), statements
    assert sum('FROM "jobboard_follow"' in sql for sql in statements) == 1
