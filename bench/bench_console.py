"""Benchmark of the offices' console (run: `.venv/bin/python bench/bench_console.py`).

Uses its own database (portal_console_bench, created and migrated here; never the test
database). Seeds 20,000 waiting items across the five offices (a third taken, a quarter
overdue) and 500,000 decided ones over two years with INSERT … SELECT generate_series, then
reports for a supervisor of all five offices the median and 95th percentile server time of
the queue with each filter, the archive and its search, and the overview (Django's test
client), with the median CPU time of the Django process, the median time in SQL and the
statements per request, and the load average (the machine is shared). `--waiting N
--decided N` seed less (a quick look). The daily counts of the overview (DailyCount) follow
the seeding by the database's triggers.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BENCH_DB = "portal_console_bench"
RUNS = 30
OFFICES = ["accreditation_office", "regulator", "certification_office", "ministry", "city"]
KINDS = [
    "matching.operator_profile",
    "jobboard.posting",
    "licensing.application",
    "casework.duplicate",
    "permits.application",
    "portal.organisation_request",
]


def _bench_url() -> str:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal")
    return urlunsplit(urlsplit(base)._replace(path=f"/{BENCH_DB}"))


def _create_database(url: str) -> None:
    import psycopg

    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{BENCH_DB}"')


def setup_django() -> None:
    url = _bench_url()
    _create_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)


# One statement per table; %(offices)s and %(kinds)s are arrays, items pick by g modulo.
SEED_SQL = [
    """
    INSERT INTO accounts_user (password, is_superuser, first_name, last_name, is_staff,
        is_active, date_joined, email, phone, language, staff_role, staff_offices)
    SELECT '!', false, 'Staff' || g, 'Bench', false, true, now(),
           'bench-staff-' || g || '@example.org', '', 'fr',
           (%(offices)s::text[])[1 + g %% 5],
           jsonb_build_object((%(offices)s::text[])[1 + g %% 5], 'reviewer')
    FROM generate_series(1, 50) g
    ON CONFLICT DO NOTHING
    """,
    """
    INSERT INTO console_workitem (kind, office, state, subject_type_id, subject_id, title,
        applicant, organisation, email, reference, search, created_at, due_date,
        assignee_id, assigned_at, decided_at, decided_by_id, outcome, note)
    SELECT (%(kinds)s::text[])[1 + g %% 6], (%(offices)s::text[])[1 + g %% 5], 'waiting',
           %(ct)s, g, 'Firme ' || g || ' inc.', 'Personne ' || g, 'Firme ' || g || ' inc.',
           'p' || g || '@example.org', 'R-' || g,
           lower('firme ' || g || ' inc. personne ' || g || ' p' || g || '@example.org r-' || g),
           now() - ((g %% 20) || ' days')::interval,
           current_date + ((g %% 20) - 5),
           CASE WHEN g %% 3 = 0 THEN (SELECT min(id) FROM accounts_user
                WHERE email LIKE 'bench-staff-%%') + g %% 50 END,
           CASE WHEN g %% 3 = 0 THEN now() END, NULL, NULL, '', ''
    FROM generate_series(1, %(waiting)s) g
    """,
    """
    INSERT INTO console_workitem (kind, office, state, subject_type_id, subject_id, title,
        applicant, organisation, email, reference, search, created_at, due_date,
        assignee_id, assigned_at, decided_at, decided_by_id, outcome, note)
    SELECT (%(kinds)s::text[])[1 + g %% 6], (%(offices)s::text[])[1 + g %% 5], 'decided',
           %(ct)s, 1000000 + g, 'Dossier ' || g, 'Demandeur ' || g, 'Organisme ' || g,
           'd' || g || '@example.org', 'D-' || g,
           lower('dossier ' || g || ' demandeur ' || g || ' d' || g || '@example.org d-' || g),
           now() - ((g %% 730) || ' days')::interval - interval '3 days',
           current_date - (g %% 730),
           s.id, now() - ((g %% 730) || ' days')::interval - interval '2 days',
           now() - ((g %% 730) || ' days')::interval + ((g %% 48) || ' hours')::interval,
           s.id, (ARRAY['approved', 'refused', 'changes_requested'])[1 + g %% 3], 'Note ' || g
    FROM generate_series(1, %(decided)s) g
    JOIN LATERAL (SELECT min(id) + g %% 50 AS id FROM accounts_user
                  WHERE email LIKE 'bench-staff-%%') s ON true
    """,
]


def seed(waiting: int, decided: int) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from portal.console.models import WorkItem
    from portal.models import Review

    if WorkItem.objects.count() >= waiting + decided:
        print("seed: already there")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE console_workitem")
        return
    WorkItem.objects.all().delete()
    started = time.perf_counter()
    params: dict[str, Any] = {
        "offices": OFFICES,
        "kinds": KINDS,
        "ct": ContentType.objects.get_for_model(Review).pk,
        "waiting": waiting,
        "decided": decided,
    }
    with connection.cursor() as cursor:
        for sql in SEED_SQL:
            cursor.execute(sql, params)
    # As autovacuum leaves a live table: statistics and the visibility map (index-only scans).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE console_workitem")
        cursor.execute("ANALYZE")
    print(
        f"seed: {waiting:,} waiting, {decided:,} decided in {time.perf_counter() - started:.1f} s"
    )


def supervisor_client():
    from django.test import Client

    from accounts.models import User

    user, _created = User.objects.get_or_create(
        email="bench-supervisor@example.org",
        defaults={
            "first_name": "Sue",
            "staff_role": OFFICES[0],
            "staff_offices": dict.fromkeys(OFFICES, "supervisor"),
        },
    )
    client = Client()
    client.force_login(user)
    return client


PAGES = [
    ("queue: waiting", "/fr/console/"),
    ("queue: overdue", "/fr/console/?state=overdue"),
    ("queue: mine", "/fr/console/?state=mine"),
    ("queue: unassigned", "/fr/console/?state=unassigned"),
    ("queue: decided (archive)", "/fr/console/?state=decided"),
    ("queue: one office", "/fr/console/?office=city"),
    ("queue: one kind", "/fr/console/?kind=jobboard.posting"),
    ("queue: search", "/fr/console/?q=firme+1234"),
    ("queue: archive search", "/fr/console/?state=decided&q=demandeur+4321"),
    ("queue: page 20", "/fr/console/?page=20"),
    ("overview", "/fr/console/overview/"),
    ("dashboard", "/fr/dashboard/"),
]


def measure(client, url: str) -> dict[str, float]:
    """Wall time per request (median, p95), the Django process's CPU time (median) and the
    time spent in SQL statements (median of each request's sum), and the statements."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm
    times, cpu, sql = [], [], []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        sql.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return {
        "median": statistics.median(times),
        "p95": times[int(len(times) * 0.95) - 1],
        "cpu": statistics.median(cpu),
        "sql": statistics.median(sql),
        "queries": len(captured.captured_queries),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--waiting", type=int, default=20_000)
    parser.add_argument("--decided", type=int, default=500_000)
    args = parser.parse_args()
    setup_django()
    seed(args.waiting, args.decided)
    client = supervisor_client()
    print(f"load average: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
    print(f"{'page':28} {'median ms':>10} {'p95 ms':>8} {'CPU ms':>7} {'SQL ms':>7} {'SQL':>4}")
    for label, url in PAGES:
        m = measure(client, url)
        flag = "" if m["p95"] < 100 else "  (over 100 ms)"
        print(
            f"{label:28} {m['median']:10.1f} {m['p95']:8.1f} {m['cpu']:7.1f} {m['sql']:7.1f}"
            f" {m['queries']:4.0f}{flag}"
        )
    print(f"load average: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
