"""Registrations that race on real connections: the database decides (S2, S4)."""

import pytest

from casework.errors import CaseworkError
from casework.models import Client, DuplicateSuspicion, Employer
from casework.registry import services as registry
from tests.casework.conftest import Providers
from tests.casework.helpers import client_fields
from tests.utils import run_concurrently

pytestmark = pytest.mark.django_db(transaction=True)


def _outcomes(results):
    return sorted(type(r).__name__ if isinstance(r, Exception) else "done" for r in results)


@pytest.mark.parametrize("attempt", range(2))
def test_the_same_client_registered_by_two_providers_at_once(attempt):
    p = Providers()
    results = run_concurrently(
        lambda: registry.client_register(actor=p.worker_a, group=p.a.group, fields=client_fields()),
        lambda: registry.client_register(
            actor=p.worker_b, group=p.b.group, fields=client_fields(first_name="EMILIE")
        ),
        refused=(CaseworkError,),
    )
    assert _outcomes(results) == ["CaseworkError", "done"]
    assert Client.objects.count() == 1


@pytest.mark.parametrize("attempt", range(2))
def test_near_duplicates_registered_at_once_are_stopped(attempt):
    """Without the per-birth-date lock, both would pass the near-duplicate check."""
    p = Providers()
    results = run_concurrently(
        lambda: registry.client_register(actor=p.worker_a, group=p.a.group, fields=client_fields()),
        lambda: registry.client_register(
            actor=p.worker_b, group=p.b.group, fields=client_fields(first_name="Emillie")
        ),
        refused=(CaseworkError,),
    )
    assert _outcomes(results) == ["NearDuplicates", "done"]
    assert Client.objects.count() == 1 and not DuplicateSuspicion.objects.exists()


@pytest.mark.parametrize("attempt", range(2))
def test_the_same_employer_registered_twice_at_once(attempt):
    p = Providers()

    def register(worker, group, name):
        return registry.employer_register(
            actor=worker,
            group=group,
            fields={"legal_name": name, "business_number": "123456789", "city": "Sudbury"},
        )

    results = run_concurrently(
        lambda: register(p.worker_a, p.a.group, "Boulangerie du Nord"),
        lambda: register(p.worker_b, p.b.group, "Boulangerie du Nord inc."),
        refused=(CaseworkError,),
    )
    assert _outcomes(results) == ["CaseworkError", "done"]
    assert Employer.objects.count() == 1
