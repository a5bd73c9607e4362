"""The permits pages run a fixed number of SQL queries with 1 row and with 50."""

import pytest

from permits.models import Application, Fee, Payment, PinAttempt
from tests.factories import UserFactory
from tests.permits.helpers import link, register
from tests.portal.test_query_counts import queries_for

pytestmark = pytest.mark.django_db


def filled(alice, size):
    account = register(alice, legal_name=f"Firm {size}")
    for n in range(size):
        link(UserFactory(), account, ["permits.submit"] if n % 2 else [])
        application = Application.objects.create(
            account=account,
            reference=f"R{size}-{n}",
            kind="building",
            site_address=f"{n} Main",
            submitted_by=alice,
        )
        fee = Fee.objects.create(application=application, label="Fee", amount_cents=100)
        if n % 2:
            Payment.objects.create(fee=fee, amount_cents=100, reference="x", paid_by=alice)
        PinAttempt.objects.create(account=account, user=UserFactory(), outcome="throttled")
    return account


@pytest.mark.parametrize("tab", ["", "linked/", "applications/", "fees/", "access/"])
def test_account_tabs(client, alice, tab):
    counts = []
    for size in (1, 50):
        account = filled(alice, size)
        client.force_login(alice)
        counts.append(queries_for(client, f"/fr/permits/accounts/{account.pk}/{tab}"))
    assert counts[0] == counts[1], counts


def test_contractors_list(client, alice):
    counts = []
    for size in (1, 50):
        for n in range(size):
            register(alice, legal_name=f"Firm {size}-{n}")
        client.force_login(alice)
        counts.append(queries_for(client, "/fr/permits/"))
    assert counts[0] == counts[1], counts
