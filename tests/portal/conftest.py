import pytest


@pytest.fixture(autouse=True)
def _page_language_reset():
    """A test client's request leaves its page's language active in the thread; tests that
    read messages outside a request expect the default language back."""
    from django.utils import translation

    yield
    translation.activate("fr")
