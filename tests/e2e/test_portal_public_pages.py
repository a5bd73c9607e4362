"""The public pages a citizen meets first, in both languages: home (with each service's
sign-up), the footer's privacy, accessibility and terms pages, and the 404 page; axe and
the 390 px width check on each."""

import pytest

from tests.e2e.conftest import check_accessibility

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_public_pages(page, lang):
    page.goto(f"/{lang}/")
    check_accessibility(page, f"public-{lang}-home")
    assert page.get_by_test_id("signup-licensing").count() == 1
    for name in ("privacy", "accessibility", "terms"):
        page.goto(f"/{lang}/")
        page.locator("footer").get_by_role("link").nth(
            ["privacy", "accessibility", "terms"].index(name) + 1
        ).click()
        page.wait_for_url(f"**/{lang}/{name}/")
        check_accessibility(page, f"public-{lang}-{name}")
    response = page.goto(f"/{lang}/no-such-page/")
    assert response.status == 404
    check_accessibility(page, f"public-{lang}-404")
