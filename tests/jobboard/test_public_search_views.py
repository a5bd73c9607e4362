"""The job site's pages (J10): home, search page, Atom feed, sitemap, saved searches."""

import datetime
import re

import pytest
from django.core import mail  # noqa: F401
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jobboard.postings.models import Posting
from jobboard.seekers import saved_searches
from jobboard.seekers.models import SavedSearch
from portal.models import OutboundEmail
from tests.factories import UserFactory
from tests.jobboard.postings_helpers import complete_posting, ready_group
from tests.jobboard.search_helpers import live, ref

pytestmark = pytest.mark.django_db
S = Posting.State


@pytest.fixture
def employer():
    user = UserFactory()
    return user, ready_group(user, name="Hydro Génie inc.")


def test_the_home_shows_featured_then_newest_and_links_employers(client, employer):
    user, group = employer
    live(group, user, title_fr="Ingénieur·e récent")
    live(group, user, title_fr="Ingénieur·e vedette", featured=True, days_ago=5)
    page = client.get("/fr/jobs/").content.decode()
    assert page.index("Ingénieur·e vedette") < page.index("Ingénieur·e récent")
    assert 'href="/fr/jobs/employer/"' in page and 'action="/fr/jobs/search/"' in page
    assert "Hydro Génie inc." in page


def test_the_employer_landing_moved(client):
    page = client.get("/fr/jobs/employer/")
    assert page.status_code == 200 and "jobboard/employer/home.html" in [
        t.name for t in page.templates
    ]


def test_the_search_page_filters_and_drops_a_filter(client, employer):
    user, group = employer
    live(group, user, title_fr="Ingénieur·e à distance", work_mode=Posting.WorkMode.REMOTE)
    live(group, user, title_fr="Ingénieur·e sur place", work_mode=Posting.WorkMode.ON_SITE)
    page = client.get("/fr/jobs/search/", {"q": "ingenieur", "work_mode": "remote"})
    html = page.content.decode()
    assert "Ingénieur·e à distance" in html and "Ingénieur·e sur place" not in html
    assert "1 résultat" in html
    assert 'href="?q=ingenieur"' in html  # the link that drops the work mode


def test_an_empty_result_suggests_removing_each_filter(client, employer):
    user, group = employer
    live(group, user, title_fr="Ingénieur·e", work_mode=Posting.WorkMode.REMOTE)
    page = client.get(
        "/en/jobs/search/",
        {"q": "ingenieur", "work_mode": "remote", "employment_type": "internship"},
    ).content.decode()
    assert "No posting matches this search." in page
    assert 'href="?q=ingenieur&amp;work_mode=remote"' in page
    assert 'href="?q=ingenieur&amp;employment_type=internship"' in page
    assert 'href="?employment_type=internship&amp;work_mode=remote"' in page


def test_a_result_row_shows_title_company_place_type_date_and_badge(client, employer):
    user, group = employer
    posting = live(group, user, title_fr="Ingénieur·e en vedette", featured=True, city="Gatineau")
    html = client.get("/fr/jobs/search/").content.decode()
    row = html[html.index('data-testid="result-row"') :]
    row = row[: row.index("</li>")]
    for text in (
        "Ingénieur·e en vedette",
        "Hydro Génie inc.",
        "Gatineau",
        "Permanent",
        "En vedette",
    ):
        assert text in row, text
    assert f'href="/fr/jobs/{posting.pk}/"' in row
    assert timezone.localdate().isoformat() in row


def test_a_capped_count_reads_1000_plus(client, employer, monkeypatch):
    from jobboard.public import search as js

    monkeypatch.setattr(js, "CAP", 2)
    user, group = employer
    for _n in range(3):
        live(group, user)
    assert "2+ results" in client.get("/en/jobs/search/").content.decode()


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    ["/fr/jobs/search/?q=ingénieur&work_mode=hybrid", "/fr/jobs/search/?sort=date", "/fr/jobs/"],
)
def test_same_number_of_queries_with_1_and_50_results(client, employer, url):
    user, group = employer
    other = ready_group(UserFactory(), name="Autre inc.")
    counts = []
    for size in (1, 49):
        for n in range(size):
            live(other if n % 2 else group, user, title_fr=f"Ingénieur·e {n}", featured=n % 7 == 0)
        counts.append(_queries(client, url))
    client.force_login(user)
    counts.append(_queries(client, url))
    assert counts[0] == counts[1], counts


def test_the_feed_lists_live_postings_of_the_search(client, employer):
    user, group = employer
    online = live(group, user, title_fr="Ingénieur·e en ligne")
    gone = live(group, user, title_fr="Ingénieur·e expiré")
    Posting.objects.filter(pk=gone.pk).update(state=S.EXPIRED, live=False)
    complete_posting(group, user, title_fr="Ingénieur·e brouillon")
    response = client.get("/fr/jobs/search/feed/", {"q": "ingénieur"})
    feed = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert f"/fr/jobs/{online.pk}/" in feed and "Ingénieur·e en ligne" in feed
    assert "expiré" not in feed and "brouillon" not in feed
    assert "Hydro Génie inc." in feed


def test_the_sitemap_lists_live_postings_in_both_languages(client, employer):
    user, group = employer
    online = live(group, user)
    expired = live(group, user)
    Posting.objects.filter(pk=expired.pk).update(state=S.EXPIRED, live=False)
    archived = live(group, user)
    Posting.objects.filter(pk=archived.pk).update(state=S.ARCHIVED, live=False)
    draft = complete_posting(group, user)
    xml = client.get("/fr/jobs/sitemap.xml").content.decode()
    locs = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert any(loc.endswith(f"/fr/jobs/{online.pk}/") for loc in locs)
    assert any(loc.endswith(f"/en/jobs/{online.pk}/") for loc in locs)
    assert any(loc.endswith("/fr/jobs/") for loc in locs)
    assert any(loc.endswith("/en/jobs/search/") for loc in locs)
    for posting in (expired, archived, draft):
        assert not any(loc.endswith(f"/jobs/{posting.pk}/") for loc in locs)


# --- Saved searches ------------------------------------------------------------------------


def test_a_visitor_is_asked_to_sign_in_to_save(client):
    page = client.get("/en/jobs/search/?q=pont").content.decode()
    assert "Sign in to save this search" in page
    assert client.post("/en/jobs/search/save/", {"label": "x"}).status_code == 302
    assert not SavedSearch.objects.exists()


def test_save_list_and_delete_my_search(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/en/jobs/search/save/",
        {"label": " Ponts  à Québec ", "query": "q=ponts&work_mode=remote&page=3"},
    )
    assert response.status_code == 302 and "q=ponts" in response["Location"]
    found = SavedSearch.objects.get(user=user)
    assert found.label == "Ponts à Québec"
    assert found.params == {"q": ["ponts"], "work_mode": ["remote"]}
    page = client.get("/en/jobs/me/searches/").content.decode()
    assert "Ponts à Québec" in page and "q=ponts&amp;work_mode=remote" in page
    client.post(f"/en/jobs/me/searches/{found.pk}/delete/")
    assert not SavedSearch.objects.exists()


def test_a_search_needs_a_name_and_the_number_is_limited(client, monkeypatch):
    user = UserFactory()
    client.force_login(user)
    page = client.post("/en/jobs/search/save/", {"label": "  ", "query": "q=a"}, follow=True)
    assert "Give the search a name." in page.content.decode()
    monkeypatch.setattr(saved_searches, "MAX_PER_USER", 1)
    client.post("/en/jobs/search/save/", {"label": "one", "query": "q=a"})
    page = client.post("/en/jobs/search/save/", {"label": "two", "query": "q=b"}, follow=True)
    assert "delete one first" in page.content.decode()
    assert SavedSearch.objects.filter(user=user).count() == 1


def test_another_users_search_is_neither_listed_nor_deleted(client):
    owner, other = UserFactory(), UserFactory()
    found = SavedSearch.objects.create(user=owner, label="Secret", params={})
    client.force_login(other)
    assert "Secret" not in client.get("/en/jobs/me/searches/").content.decode()
    assert client.post(f"/en/jobs/me/searches/{found.pk}/delete/").status_code == 404
    assert SavedSearch.objects.filter(pk=found.pk).exists()


def test_the_alert_sends_new_matching_postings_once_with_unsubscribe(employer):
    user, group = employer
    seeker = UserFactory(language="fr")
    found = saved_searches.saved_search_create(
        user=seeker, label="Télécom", params={"q": ["télécom"]}
    )
    SavedSearch.objects.filter(pk=found.pk).update(
        last_sent_at=timezone.now() - datetime.timedelta(days=1)
    )
    live(group, user, title_fr="Ingénieur·e télécom", days_ago=0)
    live(group, user, title_fr="Ingénieur·e télécom ancien", days_ago=3)  # before the last e-mail
    live(group, user, title_fr="Ingénieur·e civil")  # does not match
    assert saved_searches.saved_search_alerts() == 1
    email = OutboundEmail.objects.get(to=seeker.email)
    assert "Télécom" in email.subject
    assert "Ingénieur·e télécom" in email.body_text and "ancien" not in email.body_text
    assert "civil" not in email.body_text
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = email.headers["List-Unsubscribe"].strip("<>")
    assert link in email.body_text
    # A second run the same day sends nothing more.
    assert saved_searches.saved_search_alerts() == 0
    assert OutboundEmail.objects.filter(to=seeker.email).count() == 1


def test_nothing_new_sends_nothing_but_moves_on(employer):
    seeker = UserFactory()
    found = SavedSearch.objects.create(user=seeker, label="Rien", params={"q": ["zzz"]})
    assert saved_searches.saved_search_alerts() == 0
    found.refresh_from_db()
    assert found.last_sent_at is not None and not OutboundEmail.objects.exists()


def test_unsubscribe_deletes_only_the_users_own_search(client):
    from jobboard.seekers.unsubscribe import unsubscribe_url

    owner, other = UserFactory(), UserFactory()
    mine = SavedSearch.objects.create(user=owner, label="A", params={})
    theirs = SavedSearch.objects.create(user=other, label="B", params={})
    path = unsubscribe_url(owner, "saved_search", mine.pk)
    path = path[path.index("/fr/") if "/fr/" in path else path.index("/en/") :]
    assert (
        "the alerts of this saved search"
        in client.get(path.replace("/fr/", "/en/")).content.decode()
    )
    client.post(path)
    assert not SavedSearch.objects.filter(pk=mine.pk).exists()
    # A token naming another user's search id stops nothing of theirs.
    forged = unsubscribe_url(owner, "saved_search", theirs.pk)
    client.post(forged[forged.index("/jobs/") - 3 :])
    assert SavedSearch.objects.filter(pk=theirs.pk).exists()
    _ = ref  # (reference data helper kept for filters)


def test_robots_txt_names_the_job_sitemap_in_both_languages(client, settings):
    settings.SITE_URL = "https://emplois.example.ca"
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://emplois.example.ca/fr/jobs/sitemap.xml" in text
    assert "Sitemap: https://emplois.example.ca/en/jobs/sitemap.xml" in text
    assert "Disallow: /fr/accounts/" in text


def test_a_region_added_or_renamed_in_the_admin_shows_in_the_search_form(client):
    from jobboard.postings.models import ReferenceItem

    assert "Nord-du-Québec-Sud" not in client.get("/fr/jobs/search/").content.decode()
    item = ReferenceItem.objects.create(
        kind="region", code="nqs", name_fr="Nord-du-Québec-Sud", name_en="South North"
    )
    page = client.get("/fr/jobs/search/", {"place": item.pk}).content.decode()
    assert f'<option value="{item.pk}" selected>Nord-du-Québec-Sud</option>' in page
    item.name_fr = "Baie-James"
    item.save()
    page = client.get("/fr/jobs/search/", {"place": item.pk}).content.decode()
    assert f'<option value="{item.pk}" selected>Baie-James</option>' in page
    item.delete()
    assert "Baie-James" not in client.get("/fr/jobs/search/").content.decode()


def test_the_form_choices_are_kept_per_language(client):
    from jobboard.postings.models import ReferenceItem

    item = ReferenceItem.objects.create(
        kind="field", code="nqs", name_fr="Génie des ponts", name_en="Bridge engineering"
    )
    for _round in range(2):  # made, then reused: never the other language's
        french = client.get("/fr/jobs/search/", {"field": item.pk}).content.decode()
        english = client.get("/en/jobs/search/", {"field": item.pk}).content.decode()
        assert f'<option value="{item.pk}" selected>Génie des ponts</option>' in french
        assert f'<option value="{item.pk}" selected>Bridge engineering</option>' in english
        assert "Bridge engineering" not in french and "Génie des ponts" not in english
    # A value not offered is refused as before (no filter applied, the page still answers).
    assert client.get("/en/jobs/search/", {"field": "999999"}).status_code == 200


def test_my_saved_searches_show_the_name_escaped_and_its_delete_button(client):
    user = UserFactory()
    found = SavedSearch.objects.create(user=user, label="Ponts <b>", params={"q": ["ponts"]})
    client.force_login(user)
    page = client.get("/fr/jobs/me/searches/").content.decode()
    assert '<a href="/fr/jobs/search/?q=ponts">Ponts &lt;b&gt;</a>' in page
    assert f'action="/fr/jobs/me/searches/{found.pk}/delete/"' in page
    # The French quotes hold no-break spaces.
    button = r'Supprimer<span class="visually-hidden"> la recherche «\s?Ponts &lt;b&gt;\s?»</span>'
    assert re.search(button, page)
    assert "<b>" not in page
