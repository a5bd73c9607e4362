"""« My communications » read in one statement (issue 19): the profile, its open consent and
the followed companies; the rows built in Python show the same texts, escaped."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jobboard.employer.models import EmployerGroupProfile
from jobboard.seekers import services as seekers
from jobboard.seekers.models import Follow
from portal.lib.typography import long_date
from portal.models import Group
from tests.factories import GroupFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
PAGE = "/en/jobs/me/communications/"


def _page(client) -> str:
    response = client.get(PAGE)
    assert response.status_code == 200
    return response.content.decode()


def test_without_a_profile_nor_follows(client, bob):
    client.force_login(bob)
    page = _page(client)
    assert "Create my job seeker profile" in page
    assert "Receive the jobs of the week" in page and "I agree" in page
    assert "You follow no company yet." in page


def test_the_profile_consent_and_followed_companies(client, bob):
    client.force_login(bob)
    seekers.weekly_digest_set(user=bob, on=True)
    seekers.consent_give(user=bob, language="en")
    named = GroupFactory(organisation=OrganisationFactory(operating_name="Génie <Nord>"))
    EmployerGroupProfile.objects.create(
        group=named, company_name="", display_group_name="Montréal & Laval"
    )
    plain = GroupFactory(organisation=OrganisationFactory(operating_name="", legal_name="Sud"))
    Follow.objects.create(user=bob, group=named)
    Follow.objects.create(user=bob, group=plain)
    page = _page(client)
    assert "My job seeker profile" in page and "Stop the jobs of the week" in page
    assert f"You agreed on {long_date(timezone.now())}." in page
    assert "Génie &lt;Nord&gt;" in page and "<Nord>" not in page
    assert '<span class="text-body-secondary">(Montréal &amp; Laval)</span>' in page
    assert page.index(">Sud</a>") < page.index(">Génie &lt;Nord&gt;</a>")  # newest first
    assert f'action="/en/jobs/companies/{plain.pk}/unfollow/"' in page
    assert f'href="/en/jobs/companies/{named.pk}/"' in page
    table = page[page.index("<tbody>") : page.index("</tbody>")]
    assert table.count(f'name="next" value="{PAGE}"') == 2
    assert table.count('name="csrfmiddlewaretoken"') == 2
    # A company no longer public is not listed.
    Group.objects.filter(pk=plain.pk).update(status=Group.Status.REFUSED)
    assert ">Sud</a>" not in _page(client)


def test_one_statement_for_the_profile_and_follows(client, bob):
    client.force_login(bob)
    seekers.consent_give(user=bob, language="fr")
    for _n in range(3):
        Follow.objects.create(user=bob, group=GroupFactory())
    _page(client)
    with CaptureQueriesContext(connection) as captured:
        _page(client)
    mine = [q["sql"] for q in captured if "jobboard_" in q["sql"]]
    assert len(mine) == 1, mine
