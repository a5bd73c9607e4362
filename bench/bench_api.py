"""Partner API benchmark (issue 21), in-process through the test client:

- the public list uncached (API_PUBLIC_CACHE_SECONDS=0) over 100,000 live postings: plain,
  a word, filters; p50/p95 (target p95 < 50 ms);
- the public list cached: server time per request beside the uncached one;
- the token endpoints' lists (postings, licence codes, permit applications, 50 rows each):
  CPU ms per request in this process, test client included (target ≤ 6 ms).
Query counts are fixed by tests/api/test_query_counts.py.

The cached list's share of a bare hello world is measured under gunicorn by
bench/bench_http.py ("API postings list (cached)").

    .venv/bin/python bench/bench_api.py [--postings 100000] [--rounds 50]

Runs in a throw-away test database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/portal_bench_api -> test_portal_bench_api).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

SEARCHES = [
    ("plain list", "/api/v1/postings/"),
    ("a word", "/api/v1/postings/?q=conception"),
    ("filters", "/api/v1/postings/?work_mode=remote&employment_type=permanent"),
]


def timed(client, path: str, rounds: int, headers: dict | None = None):
    client.get(path, headers=headers)  # warm up
    times, cpu = [], []
    for _n in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(path, headers=headers)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, response.content[:300]
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    return statistics.median(times), p95, statistics.median(cpu)


def public_section(postings: int, rounds: int) -> None:
    from django.conf import settings
    from django.test import Client
    from jobboard_public_search import seed  # bench/ is on sys.path (run as a script)

    seed(postings)
    client = Client()
    for cached in (False, True):
        settings.API_PUBLIC_CACHE_SECONDS = 60 if cached else 0
        for label, path in SEARCHES:
            p50, p95, _cpu = timed(client, path, rounds)
            flag = "" if cached or p95 < 50 else "  ABOVE TARGET"
            print(
                f"public {'cached  ' if cached else 'uncached'} {label:<10} p50 {p50:6.1f} ms"
                f"  p95 {p95:6.1f} ms{flag}"
            )


def token_section(rounds: int) -> None:
    from django.test import Client

    from licensing.codes import generate
    from licensing.models import LicenceCode
    from permits.models import Application
    from tests.api.helpers import (
        jobs_group,
        licensing_group,
        live_posting,
        permits_group,
        token_for,
    )

    group, user = jobs_group("Bench API inc.")
    for _n in range(50):
        live_posting(group, user)
    lgroup, _u = licensing_group("Bench mines", codes=0)
    LicenceCode.objects.bulk_create(
        [LicenceCode(group=lgroup, code=generate()) for _n in range(50)]
    )
    pgroup, _u = permits_group(name="Bench constr", email="bench@constr.example", n=0)
    Application.objects.bulk_create(
        [
            Application(
                account=pgroup.contractor_account, reference=f"B-{i}", kind="pool", site_address="1"
            )
            for i in range(50)
        ]
    )
    client = Client()
    for label, group_, scopes, path in (
        ("jobs postings", group, ["jobs:read"], "/api/v1/jobs/postings/?page_size=50"),
        ("licence codes", lgroup, ["licences:read"], "/api/v1/licences/codes/?page_size=50"),
        ("permit apps", pgroup, ["permits:read"], "/api/v1/permits/applications/?page_size=50"),
    ):
        headers = {"Authorization": f"Bearer {token_for(group_, scopes)}"}
        p50, p95, cpu = timed(client, path, rounds, headers)
        flag = "" if cpu <= 6 else "  ABOVE TARGET"
        print(
            f"token {label:<14} 50 rows  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms"
            f"  CPU {cpu:5.1f} ms/request{flag}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench_api"
    )
    import django

    django.setup()
    from django.conf import settings
    from django.test.runner import DiscoverRunner
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    settings.API_THROTTLE_RATES = {}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        token_section(args.rounds)
        public_section(args.postings, args.rounds)
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
