import pytest


@pytest.fixture(autouse=True)
def _free_mail_list(request):
    """The regulator's starting list (a data migration; transactional tests flush it)."""
    if (
        "db" in request.fixturenames
        or "transactional_db" in request.fixturenames
        or any(m.name == "django_db" for m in request.node.iter_markers())
    ):
        marker = request.node.get_closest_marker("django_db")
        transactional = bool(marker and marker.kwargs.get("transaction"))
        request.getfixturevalue("transactional_db" if transactional else "db")
        from tests.jobboard.helpers import load_free_mail_list

        load_free_mail_list()


@pytest.fixture(autouse=True)
def _english_messages():
    """Service messages are checked in English; pages choose their language by URL."""
    from django.utils import translation

    with translation.override("en"):
        yield
