"""Builders for the API tests: groups of the three services with data, clients and real
tokens (asked from the token endpoint with the client's id and secret)."""

import base64

from django.urls import reverse
from rest_framework.test import APIClient

from api.services import api_client_create
from licensing.models import LicenceCode
from permits.models import Application as PermitApplication
from tests.factories import GroupFactory, UserFactory, make_member
from tests.jobboard.postings_helpers import complete_posting, give_credits, ready_group
from tests.licensing.helpers import company
from tests.permits.helpers import register

ALL_JOBS = ["jobs:read", "jobs:write"]


def token_for(group, scopes, user=None, name="ATS") -> str:
    """A client of the group and an access token from the token endpoint."""
    user = user or group.memberships.filter(roles__contains=["manager"]).first().user
    client, secret = api_client_create(group=group, actor=user, name=name, scopes=scopes)
    return request_token(client.client_id, secret)


def request_token(client_id: str, secret: str, **data):
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    response = APIClient().post(
        reverse("api:token"),
        {"grant_type": "client_credentials", **data},
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )
    assert response.status_code == 200, response.content
    return response.json()["access_token"]


def api(token: str | None = None, lang: str = "en") -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE=lang)
    if token:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def jobs_group(name="Ponts et Chaussées inc."):
    user = UserFactory()
    group = ready_group(user, name=name)
    return group, user


def live_posting(group, user, **overrides):
    """A posting online, with its published version (as the regulator's approval leaves it)."""
    from django.utils import timezone

    from jobboard.postings.services import snapshot

    posting = complete_posting(group, user, state="active", live=True, **overrides)
    posting.published = snapshot(posting)
    posting.published_at = timezone.now()
    posting.ends_on = timezone.localdate() + timezone.timedelta(days=30)
    posting.save()
    return posting


def licensing_group(name="Mines Boréales inc.", codes=2):
    group = company(name=name)
    user = UserFactory()
    make_member(user, group, ["manager"])
    from licensing.codes import generate

    for _n in range(codes):
        LicenceCode.objects.create(group=group, code=generate())
    return group, user


def permits_group(user=None, name="Ouellet Construction", email="o@ouellet.example", n=2):
    user = user or UserFactory()
    account = register(user, legal_name=name, email=email)
    for i in range(n):
        PermitApplication.objects.create(
            account=account,
            reference=f"P-{account.pk}-{i}",
            kind="building",
            site_address="1 rue Principale",
            submitted_by=user,
        )
    return account.group, user


__all__ = ["GroupFactory", "give_credits", "make_member"]
