"""S8 reports: per service point and period, on screen and CSV; a provider sees its own, the
ministry every provider. And (all list pages of plans) the same query count for 1 and 50 rows."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Seat
from casework.models import Client, ClosureRequest, Consent, PlanObjective, ServicePlan
from casework.plans.queries import plan_report
from casework.registry import services as registry
from portal.models import PrivateFile
from tests.casework.helpers import make_worker
from tests.casework.plan_helpers import (
    employer_with_form,
    goal_and_sub_goal,
    placement_type,
    reference_data,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YEAR_START = TODAY.replace(month=1, day=1)


def signed_form(owner) -> PrivateFile:
    return PrivateFile.objects.create(
        owner=owner, original_name="c.pdf", extension="pdf", content_type="application/pdf", size=1
    )


def bulk_plans(
    p, provider, point, n: int, *, state="active", prefix="C", employer=None, consent=True
):
    """n plans opened on the client's consent (without `consent`: rows older than the rule)."""
    goal, sub_goal = goal_and_sub_goal()
    notice = registry.notice_current()
    signed = signed_form(p.worker_a)
    made = []
    for i in range(n):
        client = Client.objects.create(
            first_name=f"{prefix}{i}x",
            last_name=f"Sample{provider.pk}",
            birth_date=datetime.date(2007, 1, 1) + datetime.timedelta(days=i),
            city="Sudbury",
            income_source="no_income",
        )
        given = Consent.objects.create(
            client=client,
            notice=notice,
            group=provider.group,
            signed_on=YEAR_START,
            explained_in_presence=True,
            signed_file=signed,
        )
        plan = ServicePlan.objects.create(
            client=client,
            consent=given if consent else None,
            group=provider.group,
            service_point=point,
            goal=goal,
            sub_goal=sub_goal,
            start_date=YEAR_START,
            state=state,
            closed_on=YEAR_START if state == "closed" else None,
            close_reason="placement_completed" if state == "closed" else "",
        )
        if employer is not None:
            PlanObjective.objects.create(
                plan=plan,
                group=plan.group,
                service_point=plan.service_point,
                type=placement_type(),
                state="saved",
                employer=employer,
                position="Clerk",
                start_date=YEAR_START,
                end_date=YEAR_START + datetime.timedelta(days=30),
                hours_per_week=20,
            )
        made.append(plan)
    return made


def test_report_counts_per_service_point(providers):
    p = providers
    employer = employer_with_form(p.a, p.worker_a)
    bulk_plans(p, p.a, p.point_a, 3, employer=employer)
    bulk_plans(p, p.a, p.point_a, 2, state="closed", prefix="D")
    bulk_plans(p, p.b, p.point_b, 4, prefix="E")
    rows = plan_report(start=YEAR_START, end=TODAY, group=p.a.group)
    assert [r.point.pk for r in rows] == [p.point_a.pk]
    row = rows[0]
    assert (row.opened, row.active, row.clients_served) == (5, 3, 5)
    assert row.closed["placement_completed"] == 2 and row.closed_total == 2
    assert (row.placements_started, row.placements_ended) == (
        3,
        3 if YEAR_START + datetime.timedelta(days=30) <= TODAY else 0,
    )
    everyone = plan_report(start=YEAR_START, end=TODAY)
    assert {r.point.pk for r in everyone} >= {p.point_a.pk, p.point_b.pk}


def test_plans_without_consent_never_count(providers):
    """Item 7: a plan opened before the consent (rows older than the rule) counts nowhere,
    nor do its placements."""
    p = providers
    employer = employer_with_form(p.a, p.worker_a)
    bulk_plans(p, p.a, p.point_a, 2, employer=employer)
    bulk_plans(p, p.a, p.point_a, 3, prefix="N", employer=employer, consent=False)
    row = plan_report(start=YEAR_START, end=TODAY, group=p.a.group)[0]
    assert (row.opened, row.active, row.clients_served, row.placements_started) == (2, 2, 2, 2)
    everyone_rows = plan_report(start=YEAR_START, end=TODAY)
    (everyone,) = [r for r in everyone_rows if r.point.pk == p.point_a.pk]
    assert everyone.opened == 2


def test_a_plan_before_the_period_counts_as_active_not_opened(providers):
    p = providers
    (plan,) = bulk_plans(p, p.a, p.point_a, 1)
    ServicePlan.objects.filter(pk=plan.pk).update(
        start_date=YEAR_START - datetime.timedelta(days=40)
    )
    row = plan_report(start=YEAR_START, end=TODAY, group=p.a.group)[0]
    assert (row.opened, row.active, row.clients_served) == (0, 1, 1)


def test_provider_manager_sees_its_own_report_and_csv(providers, client):
    p = providers
    bulk_plans(p, p.a, p.point_a, 2)
    bulk_plans(p, p.b, p.point_b, 1, prefix="E")
    client.force_login(p.manager_a)
    page = client.get(f"/en/casework/p/{p.a.group.pk}/reports/").content.decode()
    assert p.point_a.name in page and p.point_b.name not in page
    response = client.get(
        f"/en/casework/p/{p.a.group.pk}/reports/csv/?start={YEAR_START}&end={TODAY}"
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "Provider" and len(rows) == 2 and rows[1][1] == p.point_a.eo_id
    assert rows[1][3] == "2"


def test_a_case_worker_has_no_report_and_providers_no_ministry_report(providers, client):
    p = providers
    client.force_login(p.worker_a)
    assert client.get(f"/en/casework/p/{p.a.group.pk}/reports/").status_code == 403
    assert client.get("/en/casework/ministry/reports/").status_code == 404
    client.force_login(p.manager_a)
    assert client.get(f"/en/casework/p/{p.b.group.pk}/reports/").status_code == 404


def test_ministry_sees_every_provider_in_french(providers, client):
    p = providers
    bulk_plans(p, p.a, p.point_a, 1)
    bulk_plans(p, p.b, p.point_b, 1, prefix="E")
    client.force_login(p.ministry)
    page = client.get("/fr/casework/ministry/reports/").content.decode()
    assert "Activité des cas du SEE" in page
    assert p.point_a.name in page and p.point_b.name in page
    response = client.get("/fr/casework/ministry/reports/csv/")
    text = b"".join(response.streaming_content).decode()
    assert "Fournisseur" in text and p.point_b.eo_id in text


def test_bad_period_falls_back_and_says_so(providers, client):
    p = providers
    client.force_login(p.manager_a)
    response = client.get(f"/fr/casework/p/{p.a.group.pk}/reports/?start=2026-05-01&end=2026-01-01")
    assert response.status_code == 200
    assert "La date de fin vient après la date de début." in response.content.decode()


# --- Query counts: 1 and 50 rows -------------------------------------------------------------


def queries_for(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return len(captured)


def two_providers(tag: int):
    from types import SimpleNamespace

    from tests.casework.helpers import make_provider
    from tests.factories import UserFactory

    a, point_a = make_provider(f"Provider A{tag}", eo_id=f"EO-A{tag}")
    b, point_b = make_provider(f"Provider B{tag}", eo_id=f"EO-B{tag}")
    return SimpleNamespace(
        a=a,
        b=b,
        point_a=point_a,
        point_b=point_b,
        worker_a=make_worker(a),
        worker_b=make_worker(b),
        manager_a=make_worker(a, roles=("casework.provider_manager",)),
        ministry=UserFactory(staff_role="ministry"),
    )


def test_plan_pages_run_a_fixed_number_of_queries(client):
    counts = []
    for size in (1, 50):
        p = two_providers(size)
        reference_data()
        employer = employer_with_form(p.a, p.worker_a, business_number=f"12345678{size % 10}")
        made = bulk_plans(p, p.a, p.point_a, size, prefix=f"S{size}-", employer=employer)
        other = bulk_plans(p, p.b, p.point_b, size, prefix=f"T{size}-")
        for _plan in made[1:]:
            PlanObjective.objects.create(
                plan=made[0],
                group=made[0].group,
                service_point=made[0].service_point,
                type=placement_type(),
                state="saved",
                employer=employer,
                position="x",
                start_date=YEAR_START,
                hours_per_week=10,
            )
        consent = PrivateFile.objects.create(
            owner=p.worker_b,
            original_name="c.pdf",
            extension="pdf",
            content_type="application/pdf",
            size=1,
        )
        for plan in made:  # incoming requests at A, outgoing from B
            ClosureRequest.objects.create(
                plan=plan,
                requester_group=p.b.group,
                requested_by=p.worker_b,
                consent_file=consent,
                consent_signed_on=YEAR_START,
            )
        for plan in other:  # outgoing from A
            ClosureRequest.objects.create(
                plan=plan,
                requester_group=p.a.group,
                requested_by=p.manager_a,
                consent_file=consent,
                consent_signed_on=YEAR_START,
            )
        now = timezone.now()
        for i in range(size):
            Seat.objects.create(
                organisation=p.a.group.organisation,
                user=make_worker(p.a),
                session_key=f"k{size}-{i}",
                taken_at=now,
                last_seen_at=now,
            )
        client.force_login(p.manager_a)
        g = p.a.group.pk
        counts.append(
            {
                "list": queries_for(client, f"/en/casework/p/{g}/plans/"),
                "detail": queries_for(client, f"/en/casework/p/{g}/plans/{made[0].pk}/"),
                "queue": queries_for(client, f"/en/casework/p/{g}/closure-requests/"),
                "report": queries_for(client, f"/en/casework/p/{g}/reports/"),
                "csv": queries_for(client, f"/en/casework/p/{g}/reports/csv/"),
                "seats": queries_for(client, f"/en/me/seats/{g}/"),
            }
        )
        client.force_login(p.ministry)
        counts[-1]["ministry"] = queries_for(client, "/en/casework/ministry/reports/")
        counts[-1]["ministry_csv"] = queries_for(client, "/en/casework/ministry/reports/csv/")
    assert counts[0] == counts[1], counts
