"""Benchmark of the shared core's pages on large data.

Seeds, in a throw-away database, 20,000 organisations (each with a group), one group with
2,000 members and 500 waiting requests, and 10,000 open reviews in one staff inbox; then
requests each page through Django's test client and prints median and p95 server time and
the SQL query count. Run with `make bench` (DATABASE_URL optional, as for the tests).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from portal.models import Group, Membership, Organisation, Review  # noqa: E402
from portal.services.permissions import sync_member_permissions  # noqa: E402

ORGANISATIONS = 20_000
MEMBERS = 2_000
REQUESTS = 500
REVIEWS = 10_000
RUNS = 30


def seed():
    users = User.objects.bulk_create(
        [
            User(email=f"user{n}@bench.example", first_name=f"Prénom{n}", last_name=f"Nom{n}")
            for n in range(MEMBERS + REQUESTS + 1)
        ],
        batch_size=5000,
    )
    words = [
        "Génie",
        "Conseil",
        "Construction",
        "Boréal",
        "Laurentides",
        "Outaouais",
        "Municipalité",
        "Services",
        "Ingénierie",
        "Nord",
        "Sud",
        "Est",
    ]
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                legal_name=f"{words[n % 12]} {words[(n * 7) % 12]} {n} inc.",
                registry_number=str(1_100_000_000 + n),
                status="active",
                city="Québec",
                province="QC",
            )
            for n in range(ORGANISATIONS)
        ],
        batch_size=5000,
    )
    groups = Group.objects.bulk_create(
        [
            Group(organisation=o, name="Group 001", service="jobboard", status="active")
            for o in organisations
        ],
        batch_size=5000,
    )
    big = groups[0]
    manager = Membership.objects.create(
        user=users[0], group=big, status="active", roles=["manager"]
    )
    sync_member_permissions(manager)
    Membership.objects.bulk_create(
        [
            Membership(user=u, group=big, status="active", roles=["jobboard.finance_manager"])
            for u in users[1 : MEMBERS + 1]
        ]
        + [Membership(user=u, group=big, status="requested") for u in users[MEMBERS + 1 :]],
        batch_size=5000,
    )
    org_type = ContentType.objects.get_for_model(Organisation)
    today = timezone.localdate()
    Review.objects.bulk_create(
        [
            Review(
                kind="portal.organisation_request",
                staff_role="regulator",
                subject_type=org_type,
                subject_id=organisations[n].pk,
                summary=f"New organisation {n}",
                applicant=users[n % len(users)],
                due_date=today,
            )
            for n in range(REVIEWS)
        ],
        batch_size=5000,
    )
    staff = User.objects.create(email="staff@bench.example", staff_role="regulator")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return users[0], staff, big


def measure(client, url):
    client.get(url)  # warm-up (and session bookkeeping after sign-in)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    return statistics.median(times), p95, len(captured)


def main():
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        manager, staff, big = seed()
        print(
            f"seeded in {time.perf_counter() - started:.1f} s: {ORGANISATIONS} organisations, "
            f"{MEMBERS} members + {REQUESTS} requests in one group, {REVIEWS} open reviews"
        )
        client = Client()
        rows = []
        client.force_login(manager)
        rows.append(
            (
                "group page (2,000 members, 500 requests, manager)",
                *measure(client, f"/fr/groups/{big.pk}/"),
            )
        )
        rows.append(
            (
                "organisation search 'génie conseil'",
                *measure(client, "/fr/organisations/?q=g%C3%A9nie+conseil"),
            )
        )
        rows.append(
            ("organisation search by NEQ", *measure(client, "/fr/organisations/?q=1100012345"))
        )
        client.force_login(staff)
        rows.append(("staff inbox (10,000 open, page 1)", *measure(client, "/fr/staff/inbox/")))
        rows.append(("staff inbox (page 100)", *measure(client, "/fr/staff/inbox/?page=100")))
        print(f"{'page':55} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for name, median, p95, queries in rows:
            print(f"{name:55} {median:10.1f} {p95:8.1f} {queries:8d}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
