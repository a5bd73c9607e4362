"""Targeted send benchmark (J7): 200,000 job seekers with realistic spreads of profile, fields,
regions, years on the roll and consent; the recipient count of a few postings (p50/p95 over
50 runs and EXPLAIN ANALYZE of the bare query), then the batch send's throughput (recipients
claimed and e-mails stored per second) and its SQL statements per batch (constant).

Standalone, in its own database (migrated and seeded once, reused afterwards):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench_targeted \\
        .venv/bin/python bench/jobboard_public_targeted.py [--seekers 200000] [--send 10000]

`bench_targeted(seekers=, send=)` is the section for bench/bench_jobboard_public.py.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

# Most common first: the seeding draws the first entries more often.
POPULAR_FIELDS = ["civil", "mechanical", "electrical", "industrial", "software", "chemical"]
POPULAR_REGIONS = ["montreal", "capitale-nationale", "monteregie", "laval", "laurentides"]

_SEED_USERS = """
    INSERT INTO accounts_user (password, is_superuser, first_name, last_name, is_staff,
        is_active, date_joined, email, phone, language, staff_role)
    SELECT '!', false, 'Seeker', g::text, false, true, now(), 'seeker' || g || '@bench.example',
        '', CASE WHEN g %% 4 = 0 THEN 'en' ELSE 'fr' END, ''
    FROM generate_series(1, %(n)s) AS g
"""
# Fields: 1-3, drawn with a square bias towards the popular ones; regions: 1-2, idem;
# years: skewed towards the first years; consent ~40 %; outside Quebec ~10 %; CPI ~15 %.
_SEED_SEEKERS = """
    INSERT INTO jobboard_seekerprofile (created_at, updated_at, user_id, profile, field_ids,
        region_ids, outside_quebec, years_on_roll, targeted_consent, weekly_digest)
    SELECT now(), now(), u.id,
        CASE WHEN random() < 0.15 THEN 'cpi' ELSE 'engineer' END,
        ARRAY(SELECT DISTINCT (%(fields)s::int[])[1 + floor(power(random(), 2)
              * %(nf)s)::int] FROM generate_series(1, 1 + (u.id %% 3)) s WHERE u.id > 0),
        ARRAY(SELECT DISTINCT (%(regions)s::int[])[1 + floor(power(random(), 2)
              * %(nr)s)::int] FROM generate_series(1, 1 + (u.id %% 2)) s WHERE u.id > 0),
        random() < 0.10,
        floor(power(random(), 1.6) * 36)::int,
        random() < 0.40,
        random() < 0.30
    FROM accounts_user u WHERE u.email LIKE 'seeker%%@bench.example'
"""


def seed(seekers: int) -> None:
    from django.db import connection, transaction

    from jobboard.postings.models import ReferenceItem
    from jobboard.seekers.models import SeekerProfile

    have = SeekerProfile.objects.count()
    if have >= seekers:
        print(f"seekers: {have} already seeded")
        return
    start = time.perf_counter()

    def ordered(kind, popular):
        items = dict(ReferenceItem.objects.filter(kind=kind).values_list("code", "pk"))
        first = [items[c] for c in popular if c in items]
        return first + [pk for code, pk in sorted(items.items()) if pk not in first]

    fields, regions = ordered("field", POPULAR_FIELDS), ordered("region", POPULAR_REGIONS)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.42)")
        cursor.execute(_SEED_USERS, {"n": seekers})
        cursor.execute(
            _SEED_SEEKERS,
            {"fields": fields, "nf": len(fields), "regions": regions, "nr": len(regions)},
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE accounts_user")
        cursor.execute("ANALYZE jobboard_seekerprofile")
    print(f"seeded {seekers} seekers in {time.perf_counter() - start:.1f} s")


def _postings():
    """The postings measured: (label, criteria, scope)."""
    from jobboard.postings.models import ReferenceItem

    def ids(kind, codes):
        items = ReferenceItem.objects.filter(kind=kind, code__in=codes)
        return sorted(items.values_list("pk", flat=True))

    def c(profile, fields, regions, years):
        return {
            "profile": profile,
            "field_ids": ids("field", fields),
            "region_ids": ids("region", regions),
            "min_years": years,
        }

    return [
        ("engineer, civil, Montréal, 5+ years", c("engineer", ["civil"], ["montreal"], 5),
         "regions"),
        ("engineer, civil+mechanical, everywhere",
         c("engineer", ["civil", "mechanical"], [], 0), "everywhere"),
        ("engineer, mining, Abitibi, 10+ years",
         c("engineer", ["mining"], ["abitibi-temiscamingue"], 10), "regions"),
        ("CPI, any field, 3 regions", c("cpi", [], ["montreal", "laval", "monteregie"], 0),
         "regions"),
        ("engineer, any field, everywhere", c("engineer", [], [], 0), "everywhere"),
    ]  # fmt: skip


def _pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def measure_counts(runs: int = 50) -> None:
    from django.db import connection

    from jobboard.boosts import services as boosts

    print(f"\nrecipient count ({runs} runs each)        count     p50 ms   p95 ms   EXPLAIN ms")
    for label, criteria, scope in _postings():
        qs = boosts.recipients(criteria, scope)
        times, count = [], 0
        for _n in range(runs):
            start = time.perf_counter()
            count = qs.count()
            times.append((time.perf_counter() - start) * 1000)
        sql, params = qs.values("pk").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) SELECT count(*) FROM ({sql}) q", params)
            plan = cursor.fetchone()[0]
            plan = plan[0] if isinstance(plan, list) else plan
        print(
            f"  {label:38s} {count:7d} {statistics.median(times):9.1f} {_pct(times, 0.95):8.1f}"
            f" {plan['Execution Time']:10.1f}"
        )
        if label.startswith("engineer, civil, Montréal"):
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN ANALYZE SELECT count(*) FROM ({sql}) q", params)
                print("    " + "\n    ".join(row[0] for row in cursor.fetchall()))


def measure_send(limit: int) -> None:
    """A paid send over the first posting's recipients (up to `limit`): throughput and SQL
    statements per batch. The Celery enqueue of each stored e-mail is counted, not sent."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from accounts.models import User
    from jobboard.boosts import services as boosts
    from jobboard.boosts.models import TargetedRecipient, TargetedSend
    from jobboard.postings.models import Posting
    from portal import notify
    from portal.models import Group, Organisation, OutboundEmail

    queued = {"n": 0}
    # Count the messages handed to the e-mail task (one task per batch) instead of sending.

    def count_queued(_name: str, ids: list[int]) -> None:
        queued["n"] += len(ids)

    notify.enqueue_on_commit = count_queued  # type: ignore[assignment]
    owner, _c = User.objects.get_or_create(email="owner@bench.example", defaults={"password": "!"})
    organisation, _c = Organisation.objects.get_or_create(legal_name="Bench génie inc.")
    group, _c = Group.objects.get_or_create(organisation=organisation, service="jobboard")
    posting = Posting.objects.create(
        group=group, created_by=owner, state="active", live=True, profile="engineer",
        title_fr="Ingénieur·e civil·e", title_en="Civil engineer",
        ends_on=timezone.localdate(),
    )  # fmt: skip
    criteria = dict(_postings()[0][1])
    # Narrow the send to about `limit` recipients by raising the years until it fits.
    while boosts.recipients(criteria, "regions").count() > limit:
        criteria["min_years"] += 1
    count = boosts.recipients(criteria, "regions").count()
    send = TargetedSend.objects.create(
        posting=posting, scope="regions", criteria=criteria, recipient_count=count,
        price_cents=boosts.targeted_price_cents(count), state="paid", created_by=owner,
    )  # fmt: skip
    posting = Posting.objects.select_related("group__organisation").get(pk=posting.pk)
    statements = []
    for size in (100, 500):
        with CaptureQueriesContext(connection) as captured:
            boosts._send_batch(send, posting, size, None)
        statements.append(len(captured))
    start = time.perf_counter()
    boosts.targeted_send_run(send.pk)
    elapsed = time.perf_counter() - start
    claimed = TargetedRecipient.objects.filter(send=send).count()
    print(f"\nbatch send: {count} recipients (criteria {criteria})")
    print(f"  SQL statements per batch (100 / 500 recipients): {statements[0]} / {statements[1]}")
    rest = claimed - 600
    print(
        f"  run: {rest} recipients in {elapsed:.1f} s = {rest / elapsed:.0f} claimed + e-mails "
        f"stored per second; Celery enqueues {queued['n']}"
    )
    # Leave the database as found for the next run.
    OutboundEmail.objects.filter(template=boosts.TARGETED_TEMPLATE).delete()
    posting.delete()


def bench_targeted(seekers: int = 200_000, send: int = 10_000) -> None:
    seed(seekers)
    measure_counts()
    measure_send(send)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seekers", type=int, default=200_000)
    parser.add_argument("--send", type=int, default=10_000)
    args = parser.parse_args()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    name = settings.DATABASES["default"]["NAME"]
    if "bench" not in name:
        sys.exit(f"refusing to seed {name!r}: point DATABASE_URL at a bench database")
    call_command("migrate", verbosity=0)
    bench_targeted(args.seekers, args.send)


if __name__ == "__main__":
    main()
