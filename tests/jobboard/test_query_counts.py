"""Employer list pages run the same number of SQL queries with 1 and 50 rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobboard.employer.models import EmployerPerson, FreeMailDomain
from tests.factories import GroupFactory, OrganisationFactory, UserFactory, make_member

pytestmark = pytest.mark.django_db


def queries_for(client, url) -> int:
    client.get(url)  # the first request after signing in also records the session
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_company_search_results(client):
    user = UserFactory(email="n@nordique.example")
    client.force_login(user)
    counts = []
    for size in (1, 50):
        for i in range(size):
            organisation = OrganisationFactory(legal_name=f"Boréal {size} génie {i}")
            if i % 2:  # some with users, some imported duplicates
                make_member(UserFactory(), GroupFactory(organisation=organisation), ["manager"])
            else:
                OrganisationFactory(
                    legal_name=f"BOREAL {size} GENIE {i}",
                    registry_number=organisation.registry_number,
                    imported=True,
                )
        url = reverse("jobboard:onboarding_company") + f"?q=Boréal {size} génie"
        counts.append(queries_for(client, url))
    assert counts[0] == counts[1], counts


def test_my_profile_users_list(client):
    counts = []
    for size in (1, 50):
        group = GroupFactory()
        other = GroupFactory(organisation=group.organisation, name="Group 002")
        me = UserFactory()
        make_member(me, group, ["manager"])
        for i in range(size):
            user = UserFactory()
            make_member(user, other if i % 2 else group, ["jobboard.posting_manager"])
            EmployerPerson.objects.create(user=user, job_title="Ing.")
        client.force_login(me)
        counts.append(queries_for(client, reverse("jobboard:profile", args=[group.pk])))
    assert counts[0] == counts[1], counts


def test_free_mail_list(client, dana):
    client.force_login(dana)
    counts = []
    for size in (1, 50):
        FreeMailDomain.objects.all().delete()
        FreeMailDomain.objects.bulk_create(
            FreeMailDomain(domain=f"mail{i}.example") for i in range(size)
        )
        counts.append(queries_for(client, reverse("jobboard:free_mail_domains")))
    assert counts[0] == counts[1], counts


def test_company_page_and_switcher(client):
    counts = []
    for size in (1, 50):
        user = UserFactory()
        groups = [GroupFactory() for _ in range(size)]
        for group in groups:
            make_member(user, group, ["manager"])
        client.force_login(user)
        counts.append(queries_for(client, reverse("jobboard:company", args=[groups[0].pk])))
    assert counts[0] == counts[1], counts
