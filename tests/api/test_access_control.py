"""A token acts for its group only (404 for another group's objects on every endpoint, and
lists never show them); refused tokens: none, unknown, expired, revoked, without the scope."""

import datetime

import pytest
from django.utils import timezone
from oauth2_provider.models import AccessToken

from api.models import ApiClient
from api.services import api_client_revoke
from portal.models import AuditEvent
from tests.api.helpers import (
    ALL_JOBS,
    api,
    jobs_group,
    licensing_group,
    live_posting,
    permits_group,
    request_token,
    token_for,
)
from tests.jobboard.postings_helpers import complete_posting

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_employers():
    a, a_user = jobs_group("A inc.")
    b, b_user = jobs_group("B inc.")
    return {
        "a": api(token_for(a, ALL_JOBS)),
        "b_posting": live_posting(b, b_user),
        "b_draft": complete_posting(b, b_user),
        "a_posting": live_posting(a, a_user),
    }


@pytest.mark.parametrize(
    "method,path,body",
    [
        ("get", "/api/v1/jobs/postings/{id}/", None),
        ("patch", "/api/v1/jobs/postings/{id}/", {"title_fr": "Volé"}),
        ("post", "/api/v1/jobs/postings/{id}/submit/", None),
        ("post", "/api/v1/jobs/postings/{id}/end/", None),
        ("get", "/api/v1/jobs/postings/{id}/statistics/", None),
    ],
)
@pytest.mark.parametrize("target", ["b_posting", "b_draft"])
def test_group_a_never_reads_or_writes_group_b_postings(two_employers, method, path, body, target):
    posting = two_employers[target]
    before = (posting.state, posting.title_fr, posting.live)
    response = getattr(two_employers["a"], method)(path.format(id=posting.pk), body, format="json")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    posting.refresh_from_db()
    assert (posting.state, posting.title_fr, posting.live) == before


def test_group_a_lists_only_its_own_postings(two_employers):
    ids = [p["id"] for p in two_employers["a"].get("/api/v1/jobs/postings/").json()["results"]]
    assert ids == [two_employers["a_posting"].pk]


def test_licences_and_permits_stay_in_their_group():
    a, _u = licensing_group("A mines", codes=1)
    b, _u = licensing_group("B mines", codes=3)
    codes = api(token_for(a, ["licences:read"])).get("/api/v1/licences/codes/").json()["results"]
    assert {c["id"] for c in codes} == set(a.licence_codes.values_list("pk", flat=True))
    pa, _u = permits_group(name="A constr", email="a@a.example", n=1)
    pb, _u = permits_group(name="B constr", email="b@b.example", n=2)
    client = api(token_for(pa, ["permits:read"]))
    rows = client.get("/api/v1/permits/applications/").json()["results"]
    assert [r["id"] for r in rows] == [pa.contractor_account.applications.get().pk]
    foreign = pb.contractor_account.applications.first()
    response = client.get(f"/api/v1/permits/applications/{foreign.pk}/")
    assert response.status_code == 404


def test_a_service_token_cannot_read_another_service():
    lgroup, _u = licensing_group()
    token = token_for(lgroup, ["licences:read"])
    for path in ("/api/v1/jobs/postings/", "/api/v1/permits/applications/"):
        response = api(token).get(path)
        assert response.status_code == 403
        assert response.json()["code"] == "insufficient_scope"


def test_no_token_and_unknown_token_are_refused_with_401():
    response = api().get("/api/v1/jobs/postings/")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")
    response = api("not-a-token").get("/api/v1/jobs/postings/")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_a_token_without_the_scope_is_refused_with_403():
    group, _u = jobs_group()
    reader = api(token_for(group, ["jobs:read"]))
    assert reader.get("/api/v1/jobs/postings/").status_code == 200
    response = reader.post("/api/v1/jobs/postings/", {"profile": "engineer"}, format="json")
    assert response.status_code == 403
    assert not group.postings.exists()


def test_a_client_cannot_ask_for_scopes_it_was_not_given():
    from rest_framework.test import APIClient

    group, user = jobs_group()
    from api.services import api_client_create

    client, secret = api_client_create(group=group, actor=user, name="x", scopes=["jobs:read"])
    import base64

    basic = base64.b64encode(f"{client.client_id}:{secret}".encode()).decode()
    response = APIClient().post(
        "/api/v1/oauth/token/",
        {"grant_type": "client_credentials", "scope": "jobs:write"},
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"
    token = request_token(client.client_id, secret)
    assert AccessToken.objects.get(application=client.application).scope == "jobs:read"
    assert api(token).get("/api/v1/me/").json()["scopes"] == ["jobs:read"]


def test_an_expired_token_is_refused():
    group, _u = jobs_group()
    token = token_for(group, ALL_JOBS)
    AccessToken.objects.update(expires=timezone.now() - datetime.timedelta(seconds=1))
    response = api(token).get("/api/v1/jobs/postings/")
    assert response.status_code == 401


def test_a_revoked_client_is_refused_at_once_and_gets_no_new_token():
    group, user = jobs_group()
    from api.services import api_client_create

    client, secret = api_client_create(group=group, actor=user, name="ATS", scopes=ALL_JOBS)
    token = request_token(client.client_id, secret)
    assert api(token).get("/api/v1/jobs/postings/").status_code == 200
    api_client_revoke(client=client, actor=user)
    assert api(token).get("/api/v1/jobs/postings/").status_code == 401
    import base64

    from rest_framework.test import APIClient

    basic = base64.b64encode(f"{client.client_id}:{secret}".encode()).decode()
    response = APIClient().post(
        "/api/v1/oauth/token/",
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )
    assert response.status_code == 401
    client.refresh_from_db()
    assert client.revoked_at is not None and client.application is None
    verbs = set(AuditEvent.objects.filter(subject_id=client.pk).values_list("verb", flat=True))
    assert verbs == {"api_client.created", "api_client.revoked"}


def test_a_wrong_secret_gets_no_token():
    group, user = jobs_group()
    from api.services import api_client_create

    client, _secret = api_client_create(group=group, actor=user, name="ATS", scopes=ALL_JOBS)
    import base64

    from rest_framework.test import APIClient

    basic = base64.b64encode(f"{client.client_id}:wrong".encode()).decode()
    response = APIClient().post(
        "/api/v1/oauth/token/",
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )
    assert response.status_code == 401
    assert ApiClient.objects.get().last_used_at is None


def test_the_secret_is_stored_hashed():
    group, user = jobs_group()
    from api.services import api_client_create

    client, secret = api_client_create(group=group, actor=user, name="ATS", scopes=ALL_JOBS)
    assert client.application.client_secret != secret
    assert secret not in str(AuditEvent.objects.get(verb="api_client.created").data)
