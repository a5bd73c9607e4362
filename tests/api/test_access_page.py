"""The "API access" page: who may open it, a client created (its secret shown once, never
stored in clear), revoked; another group's client is 404."""

import pytest
from django.urls import reverse

from api.models import ApiClient
from portal.models import AuditEvent
from tests.api.helpers import jobs_group, licensing_group, permits_group, request_token
from tests.factories import UserFactory, make_member

pytestmark = pytest.mark.django_db


def page(group) -> str:
    return reverse("api_access:page", args=[group.pk])


def test_a_principal_manager_creates_a_client_and_sees_the_secret_once(client):
    group, user = jobs_group()
    client.force_login(user)
    assert client.get(page(group)).status_code == 200
    response = client.post(
        page(group), {"name": "Notre ATS", "scopes": ["jobs:read", "jobs:write"]}
    )
    assert response.status_code == 200
    api_client = ApiClient.objects.get()
    secret = response.context["secret"]
    assert secret in response.content.decode()
    assert api_client.scopes == ["jobs:read", "jobs:write"] and api_client.created_by == user
    assert request_token(api_client.client_id, secret)
    again = client.get(page(group)).content.decode()
    assert secret not in again and "Notre ATS" in again
    assert AuditEvent.objects.filter(verb="api_client.created", actor=user).exists()


def test_scopes_of_another_service_are_refused(client):
    group, user = jobs_group()
    client.force_login(user)
    response = client.post(page(group), {"name": "x", "scopes": ["licences:read"]})
    assert response.status_code == 200 and not ApiClient.objects.exists()
    assert response.context["form"].errors["scopes"]


def test_revoke_and_another_groups_client_is_404(client):
    group, user = jobs_group()
    other, other_user = jobs_group("Autre inc.")
    client.force_login(user)
    client.post(page(group), {"name": "Mine", "scopes": ["jobs:read"]})
    client.force_login(other_user)
    client.post(page(other), {"name": "Theirs", "scopes": ["jobs:read"]})
    theirs = ApiClient.objects.get(name="Theirs")
    client.force_login(user)
    url = reverse("api_access:revoke", args=[group.pk, theirs.pk])
    assert client.post(url).status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
    mine = ApiClient.objects.get(name="Mine")
    response = client.post(reverse("api_access:revoke", args=[group.pk, mine.pk]))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.revoked_at is not None and mine.revoked_by == user


def test_who_may_open_the_page(client):
    group, _manager = jobs_group()
    poster = UserFactory()
    make_member(poster, group, ["jobboard.posting_manager"])
    outsider = UserFactory()
    client.force_login(poster)
    assert client.get(page(group)).status_code == 403
    client.force_login(outsider)
    assert client.get(page(group)).status_code == 404
    # Licensing: the company representative; permits: the account's manager.
    lgroup, _u = licensing_group()
    rep, coordinator = UserFactory(), UserFactory()
    make_member(rep, lgroup, ["licensing.representative"])
    make_member(coordinator, lgroup, ["licensing.codes"])
    client.force_login(rep)
    assert client.get(page(lgroup)).status_code == 200
    client.force_login(coordinator)
    assert client.get(page(lgroup)).status_code == 403
    pgroup, pmanager = permits_group()
    client.force_login(pmanager)
    response = client.get(page(pgroup))
    assert response.status_code == 200 and "permits:read" in response.content.decode()


def test_the_menus_link_to_the_page(client):
    group, user = jobs_group()
    client.force_login(user)
    html = client.get(reverse("jobboard:company", args=[group.pk])).content.decode()
    assert page(group) in html
    pgroup, pmanager = permits_group(user=user)
    html = client.get(
        reverse("permits:account", args=[pgroup.contractor_account.pk])
    ).content.decode()
    assert page(pgroup) in html
