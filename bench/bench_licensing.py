"""Licensing benchmarks: fulfilling a 100-licence order (SQL statements and time), and the
management table with 10,000 codes in a group (p95 server time through the test client,
and query count). Runs in a throw-away test database; prints figures.

    .venv/bin/python bench/bench_licensing.py
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
    from django.db import connection
    from django.test.runner import DiscoverRunner
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["*"]
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        run(CaptureQueriesContext, connection)
    finally:
        runner.teardown_databases(old)


def run(CaptureQueriesContext, connection) -> None:
    from django.test import Client

    from billing import services as billing
    from licensing import services
    from licensing.models import LicenceCode
    from portal.celery import app
    from tests.licensing.helpers import company, draft_order, representative

    app.conf.task_always_eager = True
    group = company("Bench Mines inc.")
    rep = representative(group)

    # 1. Fulfilment of a 100-licence order (and a 5-licence one: the count must not change).
    figures = {}
    for quantity in (5, 100):
        order = draft_order(group, rep, quantity)
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            billing.order_place_invoice(order=order, actor=rep)
        elapsed = (time.perf_counter() - start) * 1000
        inserts = sum(
            1
            for q in queries.captured_queries
            if "licensing_licencecode" in q["sql"] and q["sql"].startswith("INSERT")
        )
        figures[quantity] = (len(queries), elapsed, inserts)
    for quantity, (count, elapsed, inserts) in figures.items():
        print(
            f"place + fulfil an order of {quantity:>3} licences: {count} SQL statements "
            f"({inserts} INSERT of codes), {elapsed:.1f} ms"
        )
    fulfil_only = []
    for _ in range(5):
        start = time.perf_counter()
        services.codes_create(group=group, count=100)
        fulfil_only.append((time.perf_counter() - start) * 1000)
    print(f"codes_create(100): median {statistics.median(fulfil_only):.1f} ms")

    # 2. Management table with 10,000 codes in the group.
    missing = 10_000 - LicenceCode.objects.filter(group=group).count()
    while missing > 0:
        services.codes_create(group=group, count=min(missing, 2000))
        missing = 10_000 - LicenceCode.objects.filter(group=group).count()
    client = Client()
    client.force_login(rep)
    pages = [
        f"/fr/licensing/groups/{group.pk}/codes/",
        f"/fr/licensing/groups/{group.pk}/codes/?page=50",
        f"/fr/licensing/groups/{group.pk}/codes/?page=100&state=unused",
    ]
    for url in pages:
        client.get(url)
    timings = []
    counts = set()
    for i in range(60):
        url = pages[i % len(pages)]
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        counts.add(len(queries))
        assert response.status_code == 200
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"management table, 10,000 codes (100 per page): p50 {statistics.median(timings):.1f} ms, "
        f"p95 {p95:.1f} ms, queries per request {sorted(counts)}"
    )
    start = time.perf_counter()
    response = client.get(f"/fr/licensing/groups/{group.pk}/codes.csv")
    chunks = response.streaming_content  # type: ignore[attr-defined]
    size = sum(len(chunk) for chunk in chunks)
    print(
        f"CSV export of 10,000 codes: {(time.perf_counter() - start) * 1000:.0f} ms, "
        f"{size // 1024} KiB"
    )


if __name__ == "__main__":
    main()
