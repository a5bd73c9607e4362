import pytest

from tests.casework.helpers import make_provider, make_worker
from tests.factories import UserFactory


class Providers:
    """Provider A (worker_a, manager_a) and provider B (worker_b), and a ministry officer."""

    def __init__(self):
        self.a, self.point_a = make_provider("Avenir Emploi Sudbury", eo_id="EO-1001")
        self.b, self.point_b = make_provider(
            "Northern Youth Services", eo_id="EO-2001", city="Timmins"
        )
        self.worker_a = make_worker(self.a, email="wa@example.org", language="en")
        self.manager_a = make_worker(
            self.a, roles=("casework.provider_manager",), email="ma@example.org"
        )
        self.worker_b = make_worker(self.b, email="wb@example.org", language="en")
        self.ministry = UserFactory(staff_role="ministry", email="mo@example.org")


@pytest.fixture
def providers(db):
    return Providers()
