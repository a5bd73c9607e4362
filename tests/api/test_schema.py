"""The OpenAPI 3.1 schema validates, and schemathesis runs every operation against the
application with real tokens: no 5xx, each answer's status, content type, headers and body
as the schema says. Bounded: a few examples per operation (well under two minutes)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.helpers import (
    ALL_JOBS,
    jobs_group,
    licensing_group,
    live_posting,
    permits_group,
    token_for,
)

pytestmark = pytest.mark.django_db
SCHEMA = SchemaGenerator().get_schema(request=None, public=True)
schema = schemathesis.openapi.from_dict(SCHEMA)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def test_the_schema_is_valid_openapi_3_1():
    assert SCHEMA["openapi"] == "3.1.0"
    validate_schema(SCHEMA)
    assert len(SCHEMA["paths"]) >= 11


@pytest.fixture
def world(settings):
    """Three groups with data and a real token each; requests in-process (WSGI) inside the
    test's transaction (the request signals would otherwise close its connection)."""
    settings.ALLOWED_HOSTS = ["*"]
    settings.API_THROTTLE_RATES = {}
    settings.API_PUBLIC_CACHE_SECONDS = 0
    group, user = jobs_group()
    posting = live_posting(group, user)
    lgroup, _u = licensing_group()
    pgroup, _u = permits_group()
    world = {
        "ids": {
            "posting_id": posting.pk,
            "application_id": pgroup.contractor_account.applications.first().pk,
        },
        "tokens": {
            "jobs": token_for(group, ALL_JOBS),
            "licences": token_for(lgroup, ["licences:read"]),
            "permits": token_for(pgroup, ["permits:read"]),
        },
    }
    # After the token requests: Django's test client connects the signals again after each.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield world
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _token(path: str, tokens: dict) -> str:
    for prefix, token in (("/api/v1/licences", "licences"), ("/api/v1/permits", "permits")):
        if path.startswith(prefix):
            return tokens[token]
    return tokens["jobs"]


schema.app = get_wsgi_application()


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_every_operation_matches_the_schema(case, world):
    # Half of the generated ids are replaced by real ones, so answers other than 404 are
    # checked too.
    for name, value in list((case.path_parameters or {}).items()):
        if name in world["ids"] and isinstance(value, int) and value % 2 == 0:
            case.path_parameters[name] = world["ids"][name]
    headers = {"Authorization": f"Bearer {_token(case.path, world['tokens'])}"}
    response = case.call(headers=headers)
    case.validate_response(response, checks=CHECKS)
