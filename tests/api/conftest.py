import pytest

from tests.jobboard.postings_helpers import reference_data as jobboard_reference_data
from tests.licensing.helpers import reference_data as licensing_reference_data


@pytest.fixture(autouse=True)
def _reference_data(request):
    """The migrations' reference lists (a transactional test flushes them)."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None and "db" not in request.fixturenames:
        return
    request.getfixturevalue(
        "transactional_db" if marker and marker.kwargs.get("transaction") else "db"
    )
    jobboard_reference_data()
    licensing_reference_data()
