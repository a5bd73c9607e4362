"""The weekly « jobs of the week » at scale: 200,000 seekers (most subscribed) and the
postings of a week; runs the digest job end to end up to the queued messages (what the job
does: claim each subscriber's week, store the messages, one send task per batch), counting
the SQL statements of every batch, then sends one batch through the e-mail backend (locmem)
to give the sending cost per message. Standalone, in a throw-away test database:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench_digest \\
        .venv/bin/python bench/jobboard_public_digest.py [--seekers 200000] [--batch 500]

`run(args)` is what bench/bench_jobboard_public.py calls.
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
    parser.add_argument("--seekers", type=int, default=200_000)
    parser.add_argument("--postings", type=int, default=40)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()
    import django

    django.setup()
    from django.conf import settings
    from django.test.runner import DiscoverRunner
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        run(args)
    finally:
        runner.teardown_databases(old)


def seed(args) -> None:
    from django.utils import timezone

    from accounts.models import User
    from jobboard.postings import services
    from jobboard.postings.models import Posting
    from jobboard.seekers.models import SeekerProfile
    from portal.models import Group, Organisation

    started = time.perf_counter()
    organisation = Organisation.objects.create(legal_name="Banc d'essai inc.", status="active")
    group = Group.objects.create(organisation=organisation, service="jobboard", status="active")
    manager = User.objects.create(email="manager@bench.example.com", first_name="M")
    today = timezone.localdate()
    for n in range(args.postings):
        posting = Posting.objects.create(
            group=group,
            created_by=manager,
            state="active",
            live=True,
            title_fr=f"Ingénieur·e {n}",
            title_en=f"Engineer {n}",
            city="Québec",
            published_at=timezone.now() - datetime.timedelta(hours=n * 3),
            ends_on=today + datetime.timedelta(days=25),
            featured_until=today + datetime.timedelta(days=2) if n % 8 == 0 else None,
        )
        posting.published = services.snapshot(posting)
        posting.save(update_fields=["published"])
    step = 10_000
    for start in range(0, args.seekers, step):
        users = User.objects.bulk_create(
            User(
                email=f"s{n:06d}@bench.example.com",
                first_name="S",
                language="en" if n % 4 == 0 else "fr",
                password="!",
            )
            for n in range(start, min(start + step, args.seekers))
        )
        SeekerProfile.objects.bulk_create(
            SeekerProfile(
                user=u,
                profile="engineer",
                weekly_digest=(start + i) % 10 != 0,  # 90 % subscribed
                targeted_consent=(start + i) % 2 == 0,
            )
            for i, u in enumerate(users)
        )
    took = time.perf_counter() - started
    print(f"seeded {args.seekers:,} seekers, {args.postings} postings in {took:.1f} s")


def run(args) -> None:
    from unittest import mock

    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from jobboard.seekers import digest
    from jobboard.seekers.models import DigestDelivery, SeekerProfile
    from portal.models import OutboundEmail
    from portal.tasks import send_outbound_emails

    seed(args)
    subscribers = SeekerProfile.objects.filter(weekly_digest=True).count()
    today = timezone.localdate()
    tasks: list[list[int]] = []
    # The job queues one task per batch after each batch commits; here the ids are kept.
    with mock.patch(
        "portal.notify.enqueue_on_commit", side_effect=lambda _name, ids: tasks.append(ids)
    ):
        started = time.perf_counter()
        rendered = digest.render_digest(today)
        render_s = time.perf_counter() - started
        assert rendered is not None
        week, after, statements, seconds = digest.week_of(today), 0, [], []
        while True:
            began = time.perf_counter()
            with CaptureQueriesContext(connection) as batch:
                last, _queued = digest.send_batch(
                    after=after, week=week, rendered=rendered, size=args.batch
                )
            if last is None:
                break
            seconds.append(time.perf_counter() - began)
            statements.append(len(batch))
            after = last
        total = time.perf_counter() - started
    queued = OutboundEmail.objects.count()
    print(f"subscribers {subscribers:,}; messages queued {queued:,}; tasks {len(tasks)}")
    print(f"render once per language: {render_s * 1000:.1f} ms")
    print(f"digest job total (claim + store + queue): {total:.1f} s")
    print(
        f"per batch of {args.batch}: p50 {statistics.median(seconds) * 1000:.0f} ms, "
        f"p95 {statistics.quantiles(seconds, n=20)[-1] * 1000:.0f} ms; "
        f"SQL statements per batch: min {min(statements)}, max {max(statements)}"
    )
    with CaptureQueriesContext(connection) as again:
        second = digest.weekly_digest_send(today, batch=args.batch)
    print(f"second run of the week: {second} messages, {len(again)} statements")
    assert DigestDelivery.objects.count() == subscribers == queued
    # Sending: one task's batch through the (locmem) backend.
    from django.core import mail

    mail.outbox = []
    began = time.perf_counter()
    with transaction.atomic():
        sent = send_outbound_emails(tasks[0])
    took = time.perf_counter() - began
    print(
        f"sending one batch ({sent} messages, locmem backend): {took:.2f} s "
        f"= {took / max(sent, 1) * 1000:.1f} ms per message"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN ANALYZE SELECT id, user_id FROM jobboard_seekerprofile "
            "WHERE weekly_digest AND id > %s ORDER BY id LIMIT %s",
            [subscribers // 2, args.batch],
        )
        plan = [row[0] for row in cursor.fetchall()]
    print("EXPLAIN ANALYZE of a batch's subscribers:", plan[0], "|", plan[-1])


if __name__ == "__main__":
    main()
