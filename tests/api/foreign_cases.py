"""Foreign-user walk for the API access page: charlie (Globex's manager) asks for Acme's
page and revokes Acme's client, in Acme's URLs and in his own group's URLs. The token
endpoints are not session pages: tests/api/test_access_control.py walks them with tokens."""

from api.services import api_client_create
from portal.models import Group
from tests.foreign_walk import Case

TOKEN_API = "token API, scoped by the token's group (tests/api)"
PUBLIC = {
    "api:schema": "public schema",
    "api:docs": "public reference page",
    "api:token": "OAuth 2 token endpoint (client id and secret)",
    "api:postings": "public active postings",
    "api:posting": "public active posting",
    "api:reference": "public reference lists",
    "api:me": TOKEN_API,
    "api:jobs_postings": TOKEN_API,
    "api:jobs_posting": TOKEN_API,
    "api:jobs_posting_submit": TOKEN_API,
    "api:jobs_posting_end": TOKEN_API,
    "api:jobs_posting_statistics": TOKEN_API,
    "api:licence_codes": TOKEN_API,
    "api:permit_applications": TOKEN_API,
    "api:permit_application": TOKEN_API,
}


def cases(world) -> list[Case]:
    w = world
    if not isinstance(w.acme, Group):  # the URL classification's stand-in world
        return _cases(w, w)
    client, _secret = api_client_create(
        group=w.acme, actor=w.alice, name="Acme ATS", scopes=["jobs:read"]
    )
    return _cases(w, client)


def _cases(w, client) -> list[Case]:
    return [
        Case("api_access:page", {"group_id": w.acme.pk}, w.charlie),
        Case("api_access:revoke", {"group_id": w.acme.pk, "client_id": client.pk}, w.charlie),
        Case("api_access:revoke", {"group_id": w.globex.pk, "client_id": client.pk}, w.charlie),
    ]
