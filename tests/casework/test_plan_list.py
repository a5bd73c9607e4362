"""The provider's plan list (issue 19 made it cheap: rows built in Python from queries
compiled once): what a worker reads on it, in both languages, filtered and paged."""

import datetime

import pytest
from django.utils import translation

from casework.display import short_date
from casework.plans import queries as plan_queries
from casework.plans import services as plans
from casework.plans.models import ServicePlan
from tests.casework.plan_helpers import open_plan, ready_client

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 3, 9)


def _plans(p, count: int) -> list[ServicePlan]:
    made = []
    for n in range(count):
        client = ready_client(
            p.a,
            p.worker_a,
            first_name=f"Zoé{n}",
            last_name="Gagné <b>",
            birth_date=datetime.date(2008, 1, 1) + datetime.timedelta(days=n),
        )
        made.append(
            open_plan(p.a, p.point_a, p.worker_a, client, START + datetime.timedelta(days=n))
        )
    return made


def test_the_list_shows_each_plan_linked_with_its_state_in_french(providers, client):
    p = providers
    first, second = _plans(p, 2)
    plans.plan_close(
        plan=first,
        actor=p.worker_a,
        closed_on=START + datetime.timedelta(days=5),
        reason="client_request",
        note="",
    )
    client.force_login(p.worker_a)
    page = client.get(f"/fr/casework/p/{p.a.group.pk}/plans/").content.decode()
    assert (
        f'href="/fr/casework/p/{p.a.group.pk}/plans/{second.pk}/">Zoé1 Gagné &lt;b&gt;</a>' in page
    )
    assert "<td>10/03/2026</td>" in page
    assert '<span class="badge text-bg-success">Actif</span></td>' in page
    assert (
        '<span class="badge text-bg-secondary">Fermé</span>'
        ' <span class="small">Demande du client</span>' in page
    )
    assert p.point_a.name in page


def test_the_state_filter_and_the_second_page(providers, client):
    p = providers
    made = _plans(p, 27)
    client.force_login(p.worker_a)
    url = f"/en/casework/p/{p.a.group.pk}/plans/"
    second = client.get(url, {"page": 2}).content.decode()
    # Newest first: the second page holds the two oldest plans.
    assert f"/plans/{made[0].pk}/" in second and f"/plans/{made[1].pk}/" in second
    assert f"/plans/{made[2].pk}/" not in second
    assert "Page 2 of 2" in second
    assert "03/09/2026" in second  # the English short date
    closed = client.get(url, {"state": "closed"}).content.decode()
    assert "No plan yet." in closed


def test_the_compiled_queries_give_the_orms_rows(providers):
    p = providers
    _plans(p, 3)
    for by_state, state in ((False, ""), (True, "active"), (True, "closed")):
        counts, rows = plan_queries._plan_list_queries(by_state)
        values = (p.a.group.pk, state) if by_state else (p.a.group.pk,)
        orm = plan_queries._plans_of_group(p.a.group.pk, state or None)
        assert counts.rows(*values) == [(orm.count(), 0)]
        assert rows.rows(*values) == list(orm.values_list(*plan_queries._LIST_COLUMNS))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_short_date_is_the_date_filters(language):
    from django.template.defaultfilters import date as date_filter

    with translation.override(language):
        formatted = short_date()
        for day in (datetime.date(2026, 1, 5), datetime.date(999, 12, 31)):
            assert formatted(day) == date_filter(day, "SHORT_DATE_FORMAT")
