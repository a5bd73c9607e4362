"""Permits at scale, in a throw-away test database: 2,000 contractor accounts, 20,000
applications, one account with 200 linked people and 2,000 applications. Prints the time and
SQL query count of the pages and of "Associate" (right PIN, wrong PIN)."""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

ACCOUNTS, APPLICATIONS_EACH, BIG_APPLICATIONS, BIG_MEMBERS, RUNS = 2000, 10, 2000, 200, 20


def timed(call, runs=RUNS):
    call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), len(queries)


def seed():
    from accounts.models import User
    from permits import pins
    from permits.models import Application, ContractorAccount, Fee
    from permits.services import contractor_register
    from portal.models import Group, Membership, Organisation
    from portal.services.permissions import sync_member_permissions

    owner = User.objects.create_user(email="owner@bench.example", password="x")
    big = contractor_register(
        user=owner,
        details={"legal_name": "Big Builder", "phone": "613", "province": "ON"},
    )
    orgs = Organisation.objects.bulk_create(
        [
            Organisation(legal_name=f"Firm {n}", kind="contractor", status="active")
            for n in range(ACCOUNTS)
        ]
    )
    groups = Group.objects.bulk_create(
        [Group(organisation=o, service="permits", status="active") for o in orgs]
    )
    accounts = ContractorAccount.objects.bulk_create(
        [ContractorAccount(group=g, pin=pins.generate(), phone="613") for g in groups]
    )
    apps = [
        Application(account=a, reference=f"B{a.pk}-{n}", kind="building", site_address="x")
        for a in accounts
        for n in range(APPLICATIONS_EACH)
    ] + [
        Application(account=big, reference=f"BIG-{n}", kind="pool", site_address="y")
        for n in range(BIG_APPLICATIONS)
    ]
    Application.objects.bulk_create(apps, batch_size=5000)
    Fee.objects.bulk_create(
        [Fee(application=a, label="Fee", amount_cents=100) for a in apps], batch_size=5000
    )
    people = User.objects.bulk_create(
        [User(email=f"p{n}@bench.example") for n in range(BIG_MEMBERS)]
    )
    for person in people:
        sync_member_permissions(
            Membership.objects.create(
                user=person, group=big.group, status="active", roles=["permits.submit"]
            )
        )
    # The owner is linked to 200 accounts too (the dashboard tab's list).
    for account in accounts[:200]:
        Membership.objects.create(user=owner, group=account.group, status="active")
    return owner, big, people


def main():
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict["TEST"]["NAME"] = f"bench_{old_name}"  # apart from the tests' own
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        start = time.perf_counter()
        owner, big, people = seed()
        print(f"permits bench: seeded in {time.perf_counter() - start:.1f} s")
        client = Client()
        client.force_login(owner)
        base = f"/fr/permits/accounts/{big.pk}"
        for label, url in [
            ("contractors tab (200 accounts)", "/fr/permits/"),
            (f"linked accounts ({BIG_MEMBERS + 1} people)", f"{base}/linked/"),
            (f"applications ({BIG_APPLICATIONS}, page 1)", f"{base}/applications/"),
            ("fees and payments (page 1)", f"{base}/fees/"),
            ("give access", f"{base}/access/"),
        ]:
            ms, queries = timed(lambda url=url: client.get(url))
            print(f"  {label:40s} {ms:7.1f} ms  {queries:3d} queries")
        from django.core.cache import cache

        from permits.services import pin_link

        def wrong():
            cache.clear()
            pin_link(user=people[0], typed="AAA-BBB-CCC", ip="192.0.2.1")

        def right():
            cache.clear()
            pin_link(user=people[0], typed=big.pin, ip="192.0.2.1")

        for label, call in [("associate, wrong PIN", wrong), ("associate, right PIN", right)]:
            ms, queries = timed(call)
            print(f"  {label:40s} {ms:7.1f} ms  {queries:3d} queries")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
