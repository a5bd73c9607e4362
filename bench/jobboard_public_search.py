"""Job site search benchmark (J10): 100,000 live postings (French, a third also in English)
from 200 companies, then three typical searches through the test client on the real view (a
rare word, a common word, filters only): p50/p95 server time, queries per request, and the
EXPLAIN ANALYZE execution time of the bare results query. Target: p95 < 100 ms and at most
3x the bare query.

    .venv/bin/python bench/jobboard_public_search.py [--postings 100000]

Runs in a throw-away test database of its own (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/portal_bench_public -> test_portal_bench_public).
`bench_public_search(postings)` is the section the job site's benchmark calls.

    .venv/bin/python bench/jobboard_public_search.py --reuse [--rounds 30]

measures in a kept database instead (BENCH_DATABASE_URL, default bench_apiperf, the partner
API benchmark's: the same 100,000 postings), migrated, seeded when empty, never dropped: a
run takes seconds instead of the minutes the seeding takes.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

SEARCHES = [
    ("rare word", {"q": "géothermie"}),
    ("common word", {"q": "conception"}),
    ("filters only", {"work_mode": "remote", "employment_type": "permanent", "field": "FIELD"}),
]


def seed(postings: int):
    from accounts.models import User
    from jobboard.postings.models import Posting
    from jobboard.public.demo import make_postings
    from portal.models import Group, Organisation
    from tests.jobboard.postings_helpers import reference_data

    start = time.perf_counter()
    reference_data()
    user = User.objects.create_user(email="bench@example.org", password="bench-password-2026")
    organisations = Organisation.objects.bulk_create(
        [Organisation(legal_name=f"Firme {n:03d} inc.", status="active") for n in range(200)]
    )
    groups = Group.objects.bulk_create(
        [Group(organisation=o, service="jobboard", status="active") for o in organisations]
    )
    done = 0
    while done < postings:
        size = min(10_000, postings - done)
        rows = make_postings(groups, user, size, seed=done, reference="bench")
        Posting.objects.bulk_create(rows, batch_size=2000)
        done += size
    print(f"seeded {postings} live postings in {time.perf_counter() - start:.1f} s")


def _explain_ms(params: dict) -> float:
    from django.db import connection
    from django.http import QueryDict
    from django.utils import translation

    from jobboard.public import search as js

    query = QueryDict(mutable=True)
    for key, value in params.items():
        query[key] = value
    with translation.override("fr"):
        sql, args = js.results_sql(js.SearchForm(query).criteria())
        with connection.cursor() as cursor:
            times = []
            for _n in range(5):
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, args)
                plan = cursor.fetchone()[0]
                plan = json.loads(plan) if isinstance(plan, str) else plan
                times.append(plan[0]["Execution Time"])
    return statistics.median(times)


def bench_public_search(postings: int = 100_000, rounds: int = 50, seeded: bool = False) -> None:
    from urllib.parse import urlencode

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from jobboard.postings.models import ReferenceItem
    from portal.lib import page_cache

    if not seeded:
        seed(postings)
        with connection.cursor() as cursor:
            if connection.in_atomic_block:
                cursor.execute("ANALYZE jobboard_posting")
            else:
                cursor.execute("VACUUM ANALYZE jobboard_posting")
    field = str(ReferenceItem.objects.filter(kind="field").order_by("order")[0].pk)
    client = Client()
    for label, params in SEARCHES:
        params = {k: (field if v == "FIELD" else v) for k, v in params.items()}
        path = "/fr/jobs/search/?" + urlencode(params)
        first = client.get(path)
        assert first.status_code == 200, path
        times, cpu, sql = [], [], []
        for _n in range(rounds):
            page_cache.invalidate()  # uncached: anonymous pages are kept (issue 19)
            start, start_cpu = time.perf_counter(), time.process_time()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            sql.append(sum(float(q["time"]) for q in queries) * 1000)
            assert response.status_code == 200
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        bare = _explain_ms(params)
        count = response.content.decode().split('data-testid="result-count">')[1].split("<")[0]
        print(
            f"{label:<13} {path:<70} p50 {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms"
            f"  {len(queries)} queries  bare query {bare:6.1f} ms  ({' '.join(count.split())})"
        )
        sql.sort()
        sql_p95 = sql[int(len(sql) * 0.95) - 1]
        print(
            f"{'':<13} median: Python CPU {statistics.median(cpu):5.1f} ms,"
            f" SQL wall {statistics.median(sql):5.1f} ms (p95 {sql_p95:5.1f} ms)"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--reuse", action="store_true", help="a kept database (bench_apiperf)")
    args = parser.parse_args()
    default = "bench_apiperf" if args.reuse else "portal_bench_public"
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{default}"
    )
    import django

    django.setup()
    from django.conf import settings
    from django.test.runner import DiscoverRunner
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    if args.reuse:
        from django.core.management import call_command

        from jobboard.postings.models import Posting

        call_command("migrate", verbosity=0)
        have = Posting.objects.filter(live=True).count()
        if not have:
            bench_public_search(args.postings, args.rounds)
        else:
            print(f"{have} live postings (kept database)")
            bench_public_search(have, args.rounds, seeded=True)
        return
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        bench_public_search(args.postings, args.rounds)
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
