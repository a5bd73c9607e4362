"""Job board benchmarks: 10,000 groups and 100,000 postings across every status; "my postings"
and the dashboard of a group holding 2,000 postings (p50/p95 server time through the test
client, and query count); then the scheduled publish/expire job over all postings.
Runs in a throw-away test database; prints figures.

    .venv/bin/python bench/bench_jobboard.py [--groups 10000] [--postings 100000]
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--groups", type=int, default=10_000)
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--big", type=int, default=2_000, help="postings of the measured group")
    args = parser.parse_args()
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
        run(args)
    finally:
        runner.teardown_databases(old)


def seed(args):
    from django.utils import timezone

    from accounts.models import User
    from jobboard.postings.models import Posting
    from portal.models import Group, Organisation
    from tests.factories import make_member

    start = time.perf_counter()
    user = User.objects.create_user(email="bench@example.org", password="bench-password-2026")
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(legal_name=f"Firme {n:05d} inc.", status="active")
            for n in range(args.groups)
        ],
        batch_size=5000,
    )
    groups = Group.objects.bulk_create(
        [Group(organisation=o, service="jobboard", status="active") for o in organisations],
        batch_size=5000,
    )
    big = groups[0]
    big.logo.name = "logos/bench.png"
    big.save()
    make_member(user, big, ["manager"])
    states = list(Posting.State.values)
    today = timezone.localdate()
    rows = []
    for n in range(args.postings):
        group = big if n < args.big else groups[1 + n % (len(groups) - 1)]
        state = states[n % len(states)]
        fields = {}
        if state == "scheduled":
            fields = {"publish_mode": "on_date", "publish_on": today - datetime.timedelta(n % 3)}
        if state == "active":
            fields = {"live": True, "ends_on": today + datetime.timedelta(days=(n % 40) - 10)}
        rows.append(
            Posting(
                group=group,
                created_by=user,
                state=state,
                profile="engineer",
                title_fr=f"Ingénieur·e {n}",
                step="preview",
                **fields,
            )
        )
    Posting.objects.bulk_create(rows, batch_size=5000)
    print(
        f"seeded {args.groups} groups, {args.postings} postings "
        f"({args.big} in the measured group) in {time.perf_counter() - start:.1f} s"
    )
    return user, big


def timed_pages(client, paths, rounds=30):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for path in paths:
        client.get(path)
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, path
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(
            f"{path:<55} p50 {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms  "
            f"{len(queries)} queries"
        )


def run(args) -> None:
    from django.db import connection
    from django.test import Client

    from jobboard.postings import services
    from portal.celery import app

    app.conf.task_always_eager = True
    user, big = seed(args)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE jobboard_posting")
    client = Client()
    client.force_login(user)
    base = f"/fr/jobs/groups/{big.pk}"
    timed_pages(
        client,
        [
            f"{base}/dashboard/",
            f"{base}/postings/",
            f"{base}/postings/?page=40",
            f"{base}/postings/?status=active",
            f"{base}/postings/?status=archived",
        ],
    )
    for attempt in ("first run", "second run (nothing left)"):
        start = time.perf_counter()
        counts = services.postings_publish_and_expire()
        elapsed = (time.perf_counter() - start) * 1000
        print(
            f"publish/expire job over {args.postings} postings, {attempt}: {counts}, "
            f"{elapsed:.0f} ms"
        )


if __name__ == "__main__":
    main()
