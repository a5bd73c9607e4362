"""The offices' console in a real browser, in French and in English: a reviewer holding two
offices works through one queue with the keyboard (next item, decision, next), a supervisor
sees the overview change, the superuser sees every office."""

import pytest

from portal.console.models import WorkItem
from tests.console.helpers import review_item, staff
from tests.e2e.conftest import check_accessibility
from tests.e2e.test_matching_journeys import sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = {
    "fr": {"next": "Dossier suivant", "approve": "Approuver", "overdue": "En retard"},
    "en": {"next": "Next item", "approve": "Approve", "overdue": "Overdue"},
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_two_office_reviewer_supervisor_and_superuser(browser, live_server, lang):
    words = WORDS[lang]
    oldest = review_item("city", name="Bâtisseurs Outaouais inc.")
    newer = review_item("regulator", name="Génie Laurentides inc.")
    review_item("ministry", name="Hors de portée inc.")
    WorkItem.objects.filter(pk=oldest.pk).update(due_date="2020-01-06")  # late
    reviewer = staff("regulator", "city", language=lang, first_name="Rita")
    boss = staff("regulator", "city", level="supervisor", language=lang, first_name="Sue")

    page = sign_in(browser, live_server, reviewer, lang)
    check_accessibility(page, f"console-{lang}-1-dashboard")
    page.get_by_test_id("console-nav").click()
    queue = page.get_by_test_id("queue")
    assert "Bâtisseurs Outaouais" in queue.inner_text()
    assert "Génie Laurentides" in queue.inner_text()
    assert "Hors de portée" not in queue.inner_text()
    assert words["overdue"] in queue.inner_text()
    check_accessibility(page, f"console-{lang}-2-queue")

    # The keyboard: « Next item » takes the oldest, a decision radio, submit, next again.
    page.get_by_test_id("next-item").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/console/items/{oldest.pk}/")
    check_accessibility(page, f"console-{lang}-3-item")
    page.get_by_label(words["approve"], exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_test_id("decide").focus()
    page.keyboard.press("Enter")
    page.get_by_test_id("item-state").wait_for()
    oldest.refresh_from_db()
    assert (oldest.state, oldest.decided_by, oldest.assignee) == ("decided", reviewer, reviewer)
    page.get_by_test_id("next-item").first.click()
    page.wait_for_url(f"**/console/items/{newer.pk}/")
    page.context.close()

    page = sign_in(browser, live_server, boss, lang)
    page.goto(f"/{lang}/console/overview/")
    overview = page.get_by_test_id("overview").inner_text()
    assert "1" in overview
    check_accessibility(page, f"console-{lang}-4-overview")
    page.goto(f"/{lang}/console/staff/")
    check_accessibility(page, f"console-{lang}-5-staff")
    page.goto(f"/{lang}/console/?state=decided")
    assert "Bâtisseurs Outaouais" in page.get_by_test_id("queue").inner_text()
    check_accessibility(page, f"console-{lang}-6-archive")
    page.context.close()

    admin = UserFactory(is_superuser=True, is_staff=True, language=lang)
    page = sign_in(browser, live_server, admin, lang)
    page.get_by_test_id("console-nav").click()
    assert "Hors de portée" in page.get_by_test_id("queue").inner_text()
    page.context.close()
