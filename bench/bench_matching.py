"""Benchmark of operator matching (run: `.venv/bin/python bench/bench_matching.py`).

Uses its own database (portal_matching_bench, created and migrated here; never the test
database). Seeds 100,000 operators with 250,000 certificates and availability with
INSERT … SELECT generate_series, then reports for three typical owner searches the median
and 95th percentile server time through Django's test client, the SQL queries per request,
and the EXPLAIN ANALYZE time of the bare query; then times the eligibility sweep.
"""

import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BENCH_DB = "portal_matching_bench"
OPERATORS = 100_000
CERTIFICATES = 250_000
RUNS = 40


def _bench_url() -> str:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_matching")
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{BENCH_DB}"))


def _create_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
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
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)


SEED_SQL = [
    # Users: bench operators and one owner.
    """
    INSERT INTO accounts_user (password, is_superuser, first_name, last_name, is_staff,
        is_active, date_joined, email, phone, language, staff_role)
    SELECT '!', false, 'Op' || g, 'Bench', false, true, now(),
           'bench-op-' || g || '@example.org', '', 'en', ''
    FROM generate_series(1, %(n)s) g
    ON CONFLICT DO NOTHING
    """,
    # Operator profiles: 85 % active, 70 % of those available; days, shift, 1–2 regions.
    """
    INSERT INTO matching_operatorprofile (created_at, updated_at, user_id, operator_id,
        contact_phone, contact_email, home_municipality, state, agreement_accepted_at,
        deactivation_reason, available, available_since, days, shift, regions, credential_classes)
    SELECT now(), now(), u.id, lpad((20000000 + g)::text, 8, '0'), '807-555-0100', u.email, '',
           CASE WHEN g %% 20 < 17 THEN 'active' ELSE 'submitted' END, now(), '',
           g %% 10 < 7, now() - (g || ' seconds')::interval,
           CASE g %% 4 WHEN 0 THEN ARRAY[1,2,3,4,5] WHEN 1 THEN ARRAY[1,3,5]
                       WHEN 2 THEN ARRAY[6,7] ELSE ARRAY[1,2,3,4,5,6,7] END,
           (ARRAY['day','night','both'])[1 + g %% 3],
           ARRAY[(SELECT id FROM matching_region ORDER BY id OFFSET g %% 8 LIMIT 1),
                 (SELECT id FROM matching_region ORDER BY id OFFSET (g * 7) %% 8 LIMIT 1)],
           '{}'::integer[]
    FROM generate_series(1, %(n)s) g
    JOIN accounts_user u ON u.email = 'bench-op-' || g || '@example.org'
    ON CONFLICT DO NOTHING
    """,
    # Registry: one row per certificate; 3 % suspended.
    """
    INSERT INTO credentials_registryrecord (operator_id, name, number, type_id,
        credential_class_id, status, expires_on, snapshot_date)
    SELECT lpad((20000000 + 1 + (c %% %(n)s))::text, 8, '0'), 'Bench', 'B-' || c, cc.type_id, cc.id,
           CASE WHEN c %% 33 = 0 THEN 'suspended' ELSE 'valid' END,
           current_date + ((c %% 1500) - 100), current_date
    FROM generate_series(1, %(c)s) c
    JOIN LATERAL (
        SELECT cl.id, cl.type_id FROM credentials_credentialclass cl
        JOIN credentials_credentialtype t ON t.id = cl.type_id AND t.family = 'water_operator'
        ORDER BY cl.id OFFSET (c %% 11) LIMIT 1
    ) cc ON true
    ON CONFLICT DO NOTHING
    """,
    # Claimed credentials: the same rows, held by the operators (about 4 % already expired).
    """
    INSERT INTO credentials_credential (created_at, updated_at, holder_id, type_id,
        credential_class_id, number, expires_on, status, source, registry_mismatches)
    SELECT now(), now(), p.user_id, r.type_id, r.credential_class_id, r.number, r.expires_on,
           'valid', 'claimed', '[]'::jsonb
    FROM credentials_registryrecord r
    JOIN matching_operatorprofile p ON p.operator_id = r.operator_id
    WHERE r.number LIKE 'B-%%'
    """,
    # The search pre-filter, as verification sets it.
    """
    UPDATE matching_operatorprofile p SET credential_classes = c.classes
    FROM (SELECT holder_id, array_agg(DISTINCT credential_class_id) AS classes
          FROM credentials_credential GROUP BY holder_id) c
    WHERE c.holder_id = p.user_id
    """,
]


def seed() -> None:
    from django.db import connection

    from credentials.models import Credential
    from matching.models import OperatorProfile

    if OperatorProfile.objects.count() >= OPERATORS:
        print("seed: already there")
        return
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for sql in SEED_SQL:
            cursor.execute(sql, {"n": OPERATORS, "c": CERTIFICATES})
        cursor.execute("ANALYZE")
    print(
        f"seed: {OperatorProfile.objects.count():,} operators, "
        f"{Credential.objects.count():,} certificates in {time.perf_counter() - started:.1f} s"
    )


def owner_client():
    from django.test import Client

    from accounts.models import User
    from matching.models import OwnerProfile
    from portal.models import Group, Membership, Organisation

    user, _created = User.objects.get_or_create(email="bench-owner@example.org")
    organisation, _created = Organisation.objects.get_or_create(
        legal_name="Bench Municipality", defaults={"status": "active", "kind": "municipality"}
    )
    group, _created = Group.objects.get_or_create(
        organisation=organisation, defaults={"service": "matching", "status": "active"}
    )
    Membership.objects.get_or_create(
        user=user, group=group, defaults={"status": "active", "roles": ["manager"]}
    )
    OwnerProfile.objects.get_or_create(group=group, defaults={"state": "active"})
    client = Client()
    client.force_login(user)
    return client


def searches() -> list[tuple[str, dict]]:
    from credentials.models import CredentialClass, CredentialType
    from matching.models import Region

    dw = CredentialType.objects.get(code="drinking-water-certificate")
    ww = CredentialType.objects.get(code="wastewater-licence")
    return [
        (
            "region + drinking-water class II",
            {
                "region": Region.objects.get(code="northwestern").pk,
                "credential_type": dw.pk,
                "credential_class": CredentialClass.objects.get(type=dw, code="II").pk,
            },
        ),
        (
            "region + wastewater + Mon/Wed/Fri + night",
            {
                "region": Region.objects.get(code="eastern").pk,
                "credential_type": ww.pk,
                "days": ["1", "3", "5"],
                "shift": "night",
            },
        ),
        ("anywhere, any certificate (widest)", {"region": ""}),
    ]


def bare_query_ms(params: dict) -> float:
    """EXPLAIN ANALYZE of the two queries of a result page: the rows and the capped count."""
    from django.db import connection

    from matching.forms import SearchForm
    from matching.queries import operator_search_page, operator_search_queryset

    form = SearchForm(params)
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    qs = operator_search_queryset(
        region=data["region"],
        credential_type=data["credential_type"],
        credential_class=data["credential_class"],
        days=data["days"],
        shift=data["shift"],
    )
    page_sql, page_params = operator_search_page(qs)[:25].query.sql_with_params()
    # The capped count the paginator runs (at most 1,001 rows counted).
    count_sql, count_params = qs[:1001].query.sql_with_params()
    count_sql = f"SELECT count(*) FROM ({count_sql}) capped"
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + page_sql, page_params)
        plan = cursor.fetchone()[0]
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + count_sql, count_params)
        count_plan = cursor.fetchone()[0]
    return plan[0]["Execution Time"] + count_plan[0]["Execution Time"]


def _found(params: dict) -> int:
    from matching.forms import SearchForm
    from matching.queries import operator_search_queryset

    form = SearchForm(params)
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    return operator_search_queryset(
        region=data["region"],
        credential_type=data["credential_type"],
        credential_class=data["credential_class"],
        days=data["days"],
        shift=data["shift"],
    ).count()


def measure_search() -> None:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    client = owner_client()
    print("\nowner search (25 rows a page), through Django's test client:")
    print(f"{'filters':45} {'median':>8} {'p95':>8} {'queries':>8} {'bare SQL':>9} {'found':>8}")
    for label, params in searches():
        client.get("/en/matching/search/", params)  # warm up
        times = []
        queries = 0
        for _ in range(RUNS):
            reset_queries()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get("/en/matching/search/", params)
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
            queries = len(captured)
        found = _found(params)
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        bare = statistics.median(bare_query_ms(params) for _ in range(5))
        print(
            f"{label:45} {statistics.median(times):7.1f}ms {p95:7.1f}ms {queries:8d} "
            f"{bare:8.1f}ms {found:8,}"
        )


def measure_sweep() -> None:
    import datetime

    from django.db import connection
    from django.utils import timezone

    from matching.services import eligibility_sweep
    from portal.celery import app

    # E-mails are queued for the workers (in-memory broker here), as in production.
    app.conf.task_always_eager = False
    # Keep every run comparable: undo the previous run's marks first.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE credentials_credential SET status = 'valid' WHERE number LIKE 'B-%%' "
            "AND status <> 'valid'"
        )
        cursor.execute(
            "UPDATE matching_operatorprofile SET state = 'active' WHERE state = 'deactivated'"
        )
    started = time.perf_counter()
    counts = eligibility_sweep(today=timezone.localdate() + datetime.timedelta(days=30))
    first = time.perf_counter() - started
    started = time.perf_counter()
    again = eligibility_sweep(today=timezone.localdate() + datetime.timedelta(days=30))
    second = time.perf_counter() - started
    print(
        f"\neligibility sweep over {CERTIFICATES:,} certificates (30 days ahead): "
        f"{first:.2f} s {counts}"
    )
    print(f"re-run: {second:.2f} s {again}")
    # The bench is repeatable: put the seed back.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE credentials_credential SET status = 'valid' WHERE number LIKE 'B-%%'"
        )
        cursor.execute(
            "UPDATE matching_operatorprofile SET state = 'active', available = (id % 10 < 7) "
            "WHERE state = 'deactivated'"
        )


def main() -> None:
    setup_django()
    from django.conf import settings

    settings.DEBUG = False
    seed()
    measure_search()
    measure_sweep()


if __name__ == "__main__":
    main()
