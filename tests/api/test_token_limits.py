"""The token endpoint's limits: 429 with Retry-After per client id and address, and per
address; a limit refuses only the requests it counts."""

import base64

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from api.services import api_client_create
from tests.api.helpers import jobs_group

pytestmark = pytest.mark.django_db


def _client(group, name):
    user = group.memberships.filter(roles__contains=["manager"]).first().user
    return api_client_create(group=group, actor=user, name=name, scopes=["jobs:read"])


def ask(client_id: str, secret: str, address: str):
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return APIClient(REMOTE_ADDR=address).post(
        reverse("api:token"),
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )


def test_a_client_asking_too_often_waits_but_not_the_others(settings):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "token-client": "2/min"}
    group, _u = jobs_group()
    (one, one_secret), (two, two_secret) = _client(group, "one"), _client(group, "two")
    assert ask(one.client_id, one_secret, "10.0.0.1").status_code == 200
    assert ask(one.client_id, one_secret, "10.0.0.1").status_code == 200
    refused = ask(one.client_id, one_secret, "10.0.0.1")
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled"
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "access_token" not in refused.json()
    # Another client at the same address, the same client at another address: not counted.
    assert ask(two.client_id, two_secret, "10.0.0.1").status_code == 200
    assert ask(one.client_id, one_secret, "10.0.0.2").status_code == 200


def test_guessing_a_clients_secret_elsewhere_does_not_lock_it_out(settings):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "token-client": "2/min"}
    group, _u = jobs_group()
    client, secret = _client(group, "ATS")
    for _n in range(2):
        assert ask(client.client_id, "guess", "203.0.113.9").status_code == 401
    assert ask(client.client_id, "guess", "203.0.113.9").status_code == 429
    assert ask(client.client_id, secret, "10.0.0.1").status_code == 200


def test_many_client_ids_from_one_address_are_limited(settings):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "token-address": "3/min"}
    group, _u = jobs_group()
    client, secret = _client(group, "ATS")
    for n in range(3):
        assert ask(f"unknown-{n}", "x", "203.0.113.9").status_code == 401
    refused = ask(client.client_id, secret, "203.0.113.9")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert ask(client.client_id, secret, "10.0.0.1").status_code == 200
