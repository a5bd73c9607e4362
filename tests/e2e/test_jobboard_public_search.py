"""The job site's search, in French and in English: a visitor searches from the home, filters,
sees the featured posting first, meets an empty result with the suggestion to drop a filter;
axe and the phone-width check on each page."""

import pytest

from jobboard.postings.models import Posting
from tests.e2e.conftest import check_accessibility
from tests.factories import UserFactory
from tests.jobboard.postings_helpers import ready_group
from tests.jobboard.search_helpers import live

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = {
    "fr": {
        "search": "Rechercher",
        "keywords": "Mots clés",
        "work_mode": "Formule de travail",
        "employment": "Type d’emploi",
        "remote": "Télétravail",
        "internship": "Stage",
        "none": "Aucune offre ne répond à cette recherche.",
        "featured": "En vedette",
    },
    "en": {
        "search": "Search",
        "keywords": "Keywords",
        "work_mode": "Work mode",
        "employment": "Employment type",
        "remote": "Remote",
        "internship": "Internship",
        "none": "No posting matches this search.",
        "featured": "Featured",
    },
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_visitor_searches_filters_and_meets_an_empty_result(page, lang):
    user = UserFactory()
    group = ready_group(user, name="Hydro Génie inc.")
    w = WORDS[lang]
    live(group, user, title_fr="Ingénieur·e hydraulique", title_en="Hydraulic engineer",
         work_mode=Posting.WorkMode.REMOTE, days_ago=0)  # fmt: skip
    live(group, user, title_fr="Ingénieur·e hydraulique senior", title_en="",
         work_mode=Posting.WorkMode.ON_SITE, featured=True, days_ago=6)  # fmt: skip
    live(group, user, title_fr="Technicien·ne en arpentage", title_en="Surveying technician")

    page.goto(f"/{lang}/jobs/")
    check_accessibility(page, f"search-{lang}-01-home")
    page.get_by_label(w["keywords"]).fill(
        "hydraulique"
    )  # on the English page too: French text is a fallback
    page.get_by_role("button", name=w["search"]).click()
    page.wait_for_url("**/jobs/search/?q=*")
    rows = page.get_by_test_id("result-row")
    assert rows.count() == 2
    # The featured posting first, with its badge, though it is older.
    assert "senior" in rows.nth(0).inner_text()
    assert rows.nth(0).get_by_test_id("featured-badge").inner_text() == w["featured"]
    check_accessibility(page, f"search-{lang}-02-results")
    page.screenshot(path=f"/tmp/search-{lang}-results.png", full_page=True)

    page.get_by_label(w["work_mode"]).select_option(label=w["remote"])
    page.get_by_role("main").get_by_role("button", name=w["search"]).click()
    page.wait_for_url("**work_mode=remote*")
    assert page.get_by_test_id("result-row").count() == 1
    assert "senior" not in page.get_by_test_id("results").inner_text()

    page.get_by_label(w["employment"]).select_option(label=w["internship"])
    page.get_by_role("main").get_by_role("button", name=w["search"]).click()
    page.get_by_text(w["none"]).wait_for()
    check_accessibility(page, f"search-{lang}-03-empty")
    page.screenshot(path=f"/tmp/search-{lang}-empty.png", full_page=True)
    # The suggestion drops the employment type: the remote posting is back.
    page.get_by_test_id("no-results").get_by_role("link").filter(has_text=w["employment"]).click()
    page.wait_for_load_state()
    assert page.get_by_test_id("result-row").count() == 1
