import pytest

from tests.licensing.helpers import reference_data


@pytest.fixture(autouse=True)
def _reference_data(request):
    if (
        "db" in request.fixturenames
        or "transactional_db" in request.fixturenames
        or any(m.name == "django_db" for m in request.node.iter_markers())
    ):
        request.getfixturevalue("transactional_db" if _transactional(request) else "db")
        reference_data()


def _transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


@pytest.fixture(autouse=True)
def _english_messages():
    """Service messages are checked in English; pages choose their language by URL."""
    from django.utils import translation

    with translation.override("en"):
        yield
