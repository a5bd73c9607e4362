import pytest

from tests.matching.reference_data import ensure_reference_data


@pytest.fixture(autouse=True)
def _reference_data(request):
    if "django_db_setup" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("django_db_blocker")
        from django.db import connection  # noqa: F401

        ensure_reference_data()
