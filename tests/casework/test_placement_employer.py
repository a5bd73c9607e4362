"""Item 9 of issue 17: a placement's employer is picked from the shared registry (S4, S5,
Q21) — search as the worker types (htmx fragment; without JavaScript the Search button posts
the page), or from the employer's page — never a business number typed by hand."""

import html
import re

import pytest
from django.utils import timezone

from casework.models import PlanObjective
from casework.plans import services as plans
from tests.casework.helpers import make_worker
from tests.casework.plan_helpers import employer_with_form, open_plan, placement_type, ready_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def placement(providers, client):
    p = providers
    employer = employer_with_form(p.a, p.worker_a, legal_name="Boulangerie du Nord inc.")
    plan = open_plan(p.a, p.point_a, p.worker_a, ready_client(p.a, p.worker_a))
    objective = plans.objective_add(plan=plan, type=placement_type(), actor=p.worker_a)
    client.force_login(p.worker_a)
    url = f"/en/casework/p/{p.a.group.pk}/plans/{plan.pk}/objectives/{objective.pk}/"
    return p, employer, objective, url


def text(response) -> str:
    return html.unescape(response.content.decode())


def typed(**extra) -> dict:
    today = timezone.localdate()
    return {
        "position": "Baker's helper",
        "start_date": today.isoformat(),
        "end_date": today.isoformat(),
        "hours_per_week": "30",
        **extra,
    }


def test_the_page_searches_the_registry_as_one_types(placement, client):
    p, _employer, _objective, url = placement
    page = text(client.get(url))
    assert 'name="business_number"' not in page
    picker = f"/en/casework/p/{p.a.group.pk}/placement-employers/"
    assert f'hx-get="{picker}"' in page and 'name="employer_q"' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)  # no inline script (CSP)


def test_the_fragment_offers_matching_employers_as_choices(placement, client):
    p, employer, _objective, _url = placement
    picker = f"/en/casework/p/{p.a.group.pk}/placement-employers/"
    fragment = text(client.get(picker, {"employer_q": "boulangeri du nor"}, HTTP_HX_REQUEST="true"))
    assert f'name="employer" value="{employer.pk}"' in fragment
    assert "This year's SJS form received" in fragment
    assert "No employer matches" in text(client.get(picker, {"employer_q": "zzzz"}))
    client.force_login(p.worker_b)  # another provider's group: not found
    assert client.get(picker, {"employer_q": "boulangerie"}).status_code == 404
    client.force_login(make_worker(p.a, roles=()))
    assert client.get(picker, {"employer_q": "boulangerie"}).status_code == 403


def test_a_chosen_employer_is_saved(placement, client):
    p, employer, objective, url = placement
    response = client.post(url, typed(employer=employer.pk, employer_q="boulangerie"))
    assert response.status_code == 302
    objective.refresh_from_db()
    assert (objective.state, objective.employer) == ("saved", employer)
    assert f'value="{employer.pk}" id="employer-chosen-{employer.pk}" checked' in text(
        client.get(url)
    )


def test_without_javascript_the_search_button_shows_the_choices_and_keeps_the_typing(
    placement, client
):
    p, employer, objective, url = placement
    response = client.post(url, typed(employer_q="Boulangerie", find="1"))
    page = text(response)
    assert response.status_code == 200
    assert f'name="employer" value="{employer.pk}"' in page
    assert "Baker's helper" in page and "This field is required" not in page
    objective.refresh_from_db()
    assert objective.state == PlanObjective.State.DRAFT


def test_from_the_employer_page_back_to_the_placement(placement, client):
    p, employer, objective, url = placement
    path = url
    registry_page = text(
        client.get(f"/en/casework/p/{p.a.group.pk}/employers/", {"q": "boul", "next": path})
    )
    assert f"/employers/{employer.pk}/?next=" in registry_page
    detail = text(
        client.get(f"/en/casework/p/{p.a.group.pk}/employers/{employer.pk}/", {"next": path})
    )
    assert f'href="{path}?employer={employer.pk}"' in detail
    assert "Choose this employer for the placement" in detail
    page = text(client.get(url, {"employer": employer.pk}))
    assert f'value="{employer.pk}" id="employer-chosen-{employer.pk}" checked' in page


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/en/accounts/"])
def test_a_foreign_next_is_ignored(placement, client, target):
    p, employer, _objective, _url = placement
    detail = text(
        client.get(f"/en/casework/p/{p.a.group.pk}/employers/{employer.pk}/", {"next": target})
    )
    assert "Choose this employer for the placement" not in detail
    assert f'href="{target}?employer=' not in detail and "Back to the placement" not in detail
