"""Casework reports benchmark (S8): the yearly case-activity report of the largest provider
with 300,000 SJS plans in the database (target < 1 s), as the service's query and as the
page through the test client, with the query count. Runs in a throw-away test database.

    .venv/bin/python bench/bench_casework_reports.py [plans]   # default 300000
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.test.runner import DiscoverRunner
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["*"]
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        run(int(sys.argv[1]) if len(sys.argv) > 1 else 300_000)
    finally:
        runner.teardown_databases(old)


def seed(total: int):
    """Three providers (the largest holds half the plans), two service points each; one
    client per plan; 70 % of plans closed over the year; one placement per plan."""
    import datetime

    from django.db import connection

    from casework.models import Client, NoticeVersion, PlanGoal, PlanSubGoal, ServicePlan
    from portal.models import PrivateFile
    from tests.casework.helpers import make_provider, make_worker

    providers = []
    for n, name in enumerate(["Largest Provider", "Second Provider", "Third Provider"]):
        provider, point = make_provider(name, eo_id=f"EO-B{n}1")
        from casework.registry import services as registry
        from tests.factories import UserFactory

        second = registry.service_point_create(
            group=provider.group,
            actor=UserFactory(staff_role="ministry"),
            eo_id=f"EO-B{n}2",
            name=f"{name} — annex",
            city="Sudbury",
        )
        providers.append((provider, [point, second]))
    manager = make_worker(providers[0][0], roles=("casework.provider_manager",))
    goal = PlanGoal.objects.get(code="employment")
    sub_goal = PlanSubGoal.objects.get(code="summer_job")
    year = datetime.date.today().year
    # Plans count only when opened on the client's consent (S3): one signed form serves them all.
    signed_form = PrivateFile.objects.create(
        owner=manager, file="bench/consent.pdf", original_name="consent.pdf", extension="pdf",
        content_type="application/pdf", size=1,
    )  # fmt: skip
    notice = NoticeVersion.objects.order_by("-version")[0]  # the data migration made one
    groups = [provider.group_id for provider, _points in providers]
    points = [[point.pk for point in pts] for _provider, pts in providers]
    with connection.cursor() as cursor:
        # Set-based inserts: one statement per table (bulk_create takes minutes here).
        cursor.execute(
            """
            INSERT INTO casework_client
                (created_at, updated_at, first_name, middle_name, last_name, birth_date,
                 language, phone, email, street_address, city, postal_code, name_key,
                 sound_key, phone_key, income_source)
            SELECT now(), now(), 'F' || g, '', 'L' || g, date '2005-01-01' + (g %% 2000), 'fr',
                   '', '', '', 'Sudbury', '', 'f' || g || ' l' || g, 'F' || g, '', 'no_income'
            FROM generate_series(1, %s) g
            """,
            [total],
        )
        cursor.execute(
            """
            INSERT INTO casework_consent
                (created_at, updated_at, client_id, notice_id, group_id, signed_on,
                 explained_in_presence, signed_file_id, recorded_by_id, withdrawal_note)
            SELECT now(), now(), id, %s, %s, make_date(%s, 1, 1), true, %s, %s, ''
            FROM casework_client
            """,
            [notice.pk, groups[0], year, signed_form.pk, manager.pk],
        )
        cursor.execute(
            """
            WITH c AS (
                SELECT id, row_number() OVER (ORDER BY id) - 1 AS k,
                       CASE WHEN (row_number() OVER (ORDER BY id) - 1) %% 2 = 0 THEN 1
                            ELSE 2 + ((row_number() OVER (ORDER BY id) - 1) %% 4) / 2 END AS p
                FROM casework_client
            )
            INSERT INTO casework_serviceplan
                (created_at, updated_at, start_date, state, closed_on, close_reason, close_note,
                 client_id, goal_id, sub_goal_id, group_id, service_point_id, consent_id)
            SELECT now(), now(), make_date(%s, 1, 1) + (k %% 300)::int,
                   CASE WHEN k %% 10 < 7 THEN 'closed' ELSE 'active' END,
                   CASE WHEN k %% 10 < 7 THEN make_date(%s, 1, 1) + (k %% 300)::int + 40 END,
                   CASE WHEN k %% 10 < 7 THEN (ARRAY['placement_completed', 'client_request',
                        'moved', 'other'])[k %% 4 + 1] ELSE '' END,
                   CASE WHEN k %% 10 < 7 AND k %% 4 = 3 THEN 'note' ELSE '' END,
                   c.id, %s, %s, (%s::bigint[])[p], (%s::bigint[])[p][k %% 2 + 1], consent.id
            FROM c JOIN casework_consent consent ON consent.client_id = c.id
            """,
            [year, year, goal.pk, sub_goal.pk, groups, points],
        )
        cursor.execute(
            """
            INSERT INTO casework_planobjective
                (plan_id, group_id, service_point_id, type_id, state, description, start_date,
                 end_date, position, hours_per_week, employer_id, created_at, updated_at)
            SELECT p.id, p.group_id, p.service_point_id, t.id, 'saved', '', p.start_date,
                   p.start_date + 35, 'Clerk', 20, NULL, now(), now()
            FROM casework_serviceplan p, casework_objectivetype t WHERE t.code = 'placement'
            """
        )
        cursor.execute("ANALYZE")
    assert ServicePlan.objects.count() == total and Client.objects.count() >= total
    return providers[0][0], manager


def run(total: int) -> None:
    import datetime

    from django.db import connection
    from django.test import Client as TestClient
    from django.test.utils import CaptureQueriesContext

    from casework.plans.queries import plan_report
    from tests.casework.plan_helpers import reference_data

    reference_data()
    started = time.perf_counter()
    provider, manager = seed(total)
    print(f"seeded {total:,} plans (one placement each) in {time.perf_counter() - started:.0f} s")
    year = datetime.date.today().year
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)

    if os.environ.get("BENCH_EXPLAIN"):
        with CaptureQueriesContext(connection) as queries:
            plan_report(start=start, end=end, group=provider.group)
        captured = [q["sql"] for q in queries.captured_queries]
        from django.db import transaction

        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '64MB'")
            for sql in captured:
                # The report's statement carries its own "SET LOCAL work_mem …; " prefix.
                sql = sql.split("; ", 1)[1] if sql.startswith("SET LOCAL") else sql
                if sql.startswith("SELECT"):
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                    print("\n".join(row[0] for row in cursor.fetchall()))

    timings = []
    for _ in range(10):
        t = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            rows = plan_report(start=start, end=end, group=provider.group)
        timings.append((time.perf_counter() - t) * 1000)
    opened = sum(r.opened for r in rows)
    print(
        f"yearly report, largest provider ({opened:,} plans opened): p50 "
        f"{statistics.median(timings):.0f} ms, p95 {sorted(timings)[int(0.95 * len(timings))]:.0f}"
        f" ms, {len(queries)} queries"
    )

    client = TestClient()
    client.force_login(manager)
    url = f"/en/casework/p/{provider.group.pk}/reports/?start={start}&end={end}"
    client.get(url)
    page_times = []
    for _ in range(10):
        t = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        page_times.append((time.perf_counter() - t) * 1000)
    assert response.status_code == 200
    print(
        f"report page: p50 {statistics.median(page_times):.0f} ms, p95 "
        f"{sorted(page_times)[int(0.95 * len(page_times))]:.0f} ms, {len(queries)} queries"
    )
    t = time.perf_counter()
    response = client.get(url.replace("/reports/", "/reports/csv/"))
    b"".join(response.streaming_content)  # type: ignore[attr-defined]
    print(f"report CSV: {(time.perf_counter() - t) * 1000:.0f} ms")
    t = time.perf_counter()
    rows = plan_report(start=start, end=end)
    print(f"ministry yearly report (all providers): {(time.perf_counter() - t) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
