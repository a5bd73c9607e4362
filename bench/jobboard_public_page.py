"""Job site posting page and performance page: seeds live postings
with bulk inserts, then measures the posting page with its view count, the apply redirect,
and the performance page and CSV of a group with 2,000 postings and 60 days of figures
(p50/p95 through the test client on the real views, queries per request), and EXPLAIN
ANALYZE of the bare performance query.

    DATABASE_URL=postgres://…/portal_bench_page .venv/bin/python bench/jobboard_public_page.py \
        [--postings 5000] [--big 2000] [--rounds 100]

`run(args)` is its section; bench/bench_jobboard_public.py runs this file.
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
AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0"


def add_arguments(parser) -> None:
    parser.add_argument("--postings", type=int, default=5_000, help="live postings in all")
    parser.add_argument("--big", type=int, default=2_000, help="postings of the measured group")
    parser.add_argument("--rounds", type=int, default=100)


def main() -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
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
    from jobboard.statistics.models import PostingDailyStat
    from portal.models import Group, Organisation
    from tests.factories import make_member

    start = time.perf_counter()
    user = User.objects.create_user(email="bench-page@example.org", password="bench-pw-2026")
    groups_n = max(2, args.postings // 20)
    organisations = Organisation.objects.bulk_create(
        [Organisation(legal_name=f"Firme {n:05d} inc.", status="active") for n in range(groups_n)],
        batch_size=5000,
    )
    groups = Group.objects.bulk_create(
        [Group(organisation=o, service="jobboard", status="active") for o in organisations],
        batch_size=5000,
    )
    big = groups[0]
    make_member(user, big, ["manager"])
    today = timezone.localdate()
    now = timezone.now()
    template = Posting(
        title_fr="Ingénieur·e en structures",
        title_en="Structural engineer",
        purpose_fr="<p>Concevoir des ponts.</p>" * 5,
        duties_fr="<p>Inspecter des ouvrages.</p>" * 5,
        qualifications_fr="<p>Membre de l’Ordre.</p>" * 5,
        profile="engineer",
        employment_type="permanent",
        position_status="full_time",
        work_mode="hybrid",
        location_kind="address",
        street_address="1000, rue Sherbrooke Ouest",
        city="Montréal",
        postal_code="H3A 3G4",
        apply_mode="url",
        apply_url="https://example.org/carrieres",
        apply_deadline=today + datetime.timedelta(days=30),
    )
    published = {
        f: getattr(template, f)
        for f in (
            "title_fr", "title_en", "purpose_fr", "purpose_en", "duties_fr", "duties_en",
            "qualifications_fr", "qualifications_en", "more_fr", "more_en", "profile",
            "employment_type", "position_status", "work_mode", "salary_note", "reference",
            "years_on_roll", "location_kind", "street_address", "city", "postal_code",
            "apply_mode", "apply_url", "apply_email",
        )
    }  # fmt: skip
    deadline = today + datetime.timedelta(days=30)
    published.update(
        apply_deadline=deadline.isoformat(),
        function=["Ingénierie", "Engineering"],
        domains=[["Génie civil", "Civil engineering"]],
        places=[],
        interests=[],
    )
    rows = []
    for n in range(args.postings):
        group = big if n < args.big else groups[1 + n % (len(groups) - 1)]
        rows.append(
            Posting(
                group=group,
                created_by=user,
                state="active",
                step="preview",
                live=True,
                published=published,
                published_at=now,
                ends_on=today + datetime.timedelta(days=30),
                **{
                    f: getattr(template, f)
                    for f in published
                    if f not in {"function", "domains", "places", "interests"}
                    and hasattr(template, f)
                    and f != "apply_deadline"
                },
                apply_deadline=deadline,
            )
        )
    postings = Posting.objects.bulk_create(rows, batch_size=2000)
    stats = [
        PostingDailyStat(
            posting=p, day=today - datetime.timedelta(days=d), views=d + 1, clicks=d % 3, shares=1
        )
        for p in postings[: args.big]
        for d in range(60)
    ]
    PostingDailyStat.objects.bulk_create(stats, batch_size=10000)
    print(
        f"seeded {len(groups)} groups, {args.postings} live postings ({args.big} in the measured "
        f"group) and {len(stats)} daily rows in {time.perf_counter() - start:.1f} s"
    )
    return user, big, postings


def timed(client, path, rounds, status=200, label=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    queries = 0
    for _ in range(rounds):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, HTTP_USER_AGENT=AGENT)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
        times.append((time.perf_counter() - start) * 1000)
        queries = len(captured)
        assert response.status_code == status, (path, response.status_code)
    times.sort()
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    print(
        f"{label or path:<58} p50 {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms  "
        f"{queries} queries"
    )


def run(args) -> None:
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    user, big, postings = seed(args)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE jobboard_posting")
        cursor.execute("ANALYZE jobboard_postingdailystat")
    visitor = Client()
    some = postings[len(postings) // 2]
    timed(visitor, f"/fr/jobs/{some.pk}/", args.rounds, label="posting page (+ view count)")
    timed(visitor, f"/en/jobs/{some.pk}/apply/", args.rounds, 302, "apply redirect (+ click)")
    timed(visitor, f"/fr/jobs/{some.pk}/share/linkedin/", args.rounds, 302, "share redirect")
    employer = Client()
    employer.force_login(user)
    base = f"/fr/jobs/groups/{big.pk}/performance"
    rounds = max(10, args.rounds // 4)
    employer.get(base + "/")
    timed(employer, base + "/", rounds, label=f"performance, all {args.big} postings, 30 days")
    today = timezone.localdate()
    start = (today - datetime.timedelta(days=59)).isoformat()
    timed(
        employer,
        f"{base}/?start={start}&end={today.isoformat()}",
        rounds,
        label="performance, 60 days",
    )
    timed(
        employer,
        f"{base}/?posting={postings[0].pk}",
        rounds,
        label="performance, one posting",
    )
    timed(
        employer,
        f"{base}/export/?start={start}&end={today.isoformat()}",
        max(5, rounds // 3),
        label=f"CSV, {args.big} postings x 60 days",
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN ANALYZE SELECT day, SUM(views), SUM(clicks), SUM(shares) "
            "FROM jobboard_postingdailystat WHERE posting_id IN (SELECT id FROM jobboard_posting "
            "WHERE group_id = %s AND state <> 'archived') AND day BETWEEN %s AND %s "
            "GROUP BY day ORDER BY day",
            [big.pk, today - datetime.timedelta(days=29), today],
        )
        plan = [row[0] for row in cursor.fetchall()]
    print("performance query (EXPLAIN ANALYZE): " + plan[-1].strip())


if __name__ == "__main__":
    main()
