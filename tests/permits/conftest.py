import pytest

from tests.permits.helpers import link, register


class Contractors:
    """Two contractor accounts: LMS (alice manages, bob linked with no permission) and
    Globex Builders (charlie manages)."""

    def __init__(self, alice, bob, charlie):
        self.alice, self.bob, self.charlie = alice, bob, charlie
        self.lms = register(alice)
        self.bob_in_lms = link(bob, self.lms)
        self.globex = register(charlie, legal_name="Globex Builders", email="g@globex.example")


@pytest.fixture
def contractors(alice, bob, charlie):
    return Contractors(alice, bob, charlie)
