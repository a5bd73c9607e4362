"""The job site's search (J10): what a visitor finds, in which order, in both languages."""

import datetime

import pytest
from django.utils import timezone, translation

from jobboard.postings import services
from jobboard.postings.models import Posting
from jobboard.public import search as js
from portal.services.reviews import review_decide
from tests.factories import UserFactory
from tests.jobboard.postings_helpers import complete_posting, give_credits, open_review, ready_group
from tests.jobboard.search_helpers import live, ref

pytestmark = pytest.mark.django_db
S = Posting.State


@pytest.fixture
def employer():
    user = UserFactory()
    return user, ready_group(user)


def titles(criteria: js.Criteria, lang: str = "fr", **kwargs) -> list[str]:
    with translation.override(lang):
        return [row.published["title_fr"] for row in js.search(criteria, **kwargs).rows]


def test_a_word_finds_its_postings_ranked_title_first(employer):
    user, group = employer
    live(group, user, title_fr="Technicien·ne", purpose_fr="<p>Viaducs et ouvrages d'art.</p>")
    live(group, user, title_fr="Ingénieur·e de viaducs", days_ago=3)
    live(group, user, title_fr="Ingénieur·e en aqueducs", purpose_fr="<p>Réseaux d'eau.</p>")
    # The title weighs more than the description, whatever the date.
    assert titles(js.Criteria(q="viaduc")) == ["Ingénieur·e de viaducs", "Technicien·ne"]


def test_unaccented_words_and_stems_match(employer):
    user, group = employer
    live(group, user, title_fr="Ingénieure électrique", title_en="")
    assert titles(js.Criteria(q="ingenieur electriques")) == ["Ingénieure électrique"]
    assert titles(js.Criteria(q="INGÉNIEURE")) == ["Ingénieure électrique"]


def test_the_search_reads_the_sections_but_not_html_tags(employer):
    user, group = employer
    live(group, user, title_fr="Poste A", qualifications_fr="<p><strong>AutoCAD</strong></p>")
    assert titles(js.Criteria(q="autocad")) == ["Poste A"]
    assert titles(js.Criteria(q="strong")) == []


def test_the_other_language_is_a_fallback(employer):
    user, group = employer
    live(group, user, title_fr="Ingénieur·e en structures", title_en="Structural engineer")
    live(group, user, title_fr="Chargé·e de projets", title_en="", purpose_fr="<p>Viaducs.</p>")
    # An English visitor's English word matches the English text…
    assert titles(js.Criteria(q="structural"), "en") == ["Ingénieur·e en structures"]
    # …and a French word still finds the French-only posting on the English page.
    assert titles(js.Criteria(q="viaducs"), "en") == ["Chargé·e de projets"]
    # On the French page, an English word finds the posting that has English text.
    assert titles(js.Criteria(q="engineer"), "fr") == ["Ingénieur·e en structures"]


def test_the_page_language_ranks_first(employer):
    user, group = employer
    live(group, user, title_fr="Projets divers", title_en="", purpose_fr="<p>Gestion.</p>")
    live(group, user, title_fr="Autre poste", title_en="Management lead", days_ago=2)
    with translation.override("en"):
        rows = js.search(js.Criteria(q="management")).rows
    assert [r.title for r in rows][0] == "Management lead"


def test_each_filter(employer):
    user, group = employer
    field_a, field_b = ref("field", 0), ref("field", 1)
    region = ref("region", 0)
    base = live(group, user, title_fr="Base", domains=[field_a])
    live(group, user, title_fr="CPI", profile=Posting.Profile.CPI, domains=[field_b])
    live(group, user, title_fr="Contrat", employment_type=Posting.EmploymentType.CONTRACT)
    live(group, user, title_fr="Distance", work_mode=Posting.WorkMode.REMOTE)
    live(group, user, title_fr="Senior", years_on_roll=Posting.Years.TEN)
    live(group, user, title_fr="Région", location_kind=Posting.Location.PLACES, places=[region])
    assert base.title_fr in titles(js.Criteria(field=field_a.pk))
    assert titles(js.Criteria(field=field_b.pk)) == ["CPI"]
    assert titles(js.Criteria(profile="cpi")) == ["CPI"]
    assert titles(js.Criteria(employment_type="contract")) == ["Contrat"]
    assert titles(js.Criteria(work_mode="remote")) == ["Distance"]
    assert titles(js.Criteria(years="10+")) == ["Senior"]
    assert titles(js.Criteria(place=region.pk)) == ["Région"]
    assert titles(js.Criteria(work_mode="remote", employment_type="contract")) == []


def test_featured_postings_come_first_while_their_days_run(employer):
    user, group = employer
    live(group, user, title_fr="Ingénieur·e récent")
    old = live(group, user, title_fr="Ingénieur·e en vedette", days_ago=10, featured=True)
    live(group, user, title_fr="Ingénieur·e ancien", days_ago=5)
    assert titles(js.Criteria(q="ingénieur"))[0] == "Ingénieur·e en vedette"
    assert titles(js.Criteria(sort="date"))[0] == "Ingénieur·e en vedette"
    # Its 7 days over: back to its date.
    Posting.objects.filter(pk=old.pk).update(
        featured_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert titles(js.Criteria(sort="date"))[-1] == "Ingénieur·e en vedette"
    assert js.search(js.Criteria()).rows[0].featured is False


def test_date_sort_newest_first(employer):
    user, group = employer
    for n in (3, 1, 2):
        live(group, user, title_fr=f"Ingénieur·e {n}", days_ago=n)
    assert titles(js.Criteria(q="ingénieur", sort="date")) == [
        "Ingénieur·e 1",
        "Ingénieur·e 2",
        "Ingénieur·e 3",
    ]


def test_only_live_postings_are_found(employer):
    user, group = employer
    live(group, user, title_fr="En ligne")
    complete_posting(group, user, title_fr="Brouillon")
    expired = live(group, user, title_fr="Expirée")
    Posting.objects.filter(pk=expired.pk).update(state=S.EXPIRED, live=False)
    archived = live(group, user, title_fr="Archivée")
    Posting.objects.filter(pk=archived.pk).update(state=S.ARCHIVED, live=False)
    assert titles(js.Criteria()) == ["En ligne"]


def test_a_revision_in_validation_does_not_change_what_search_finds(employer):
    user, group = employer
    give_credits(group, n=2)
    posting = complete_posting(group, user, title_fr="Ingénieur·e en viaducs")
    posting = services.posting_submit(posting=posting, actor=user)
    review_decide(review=open_review(posting), actor=UserFactory(staff_role="regulator"),
                  decision="approve")  # fmt: skip
    assert titles(js.Criteria(q="viaducs")) == ["Ingénieur·e en viaducs"]
    # The employer edits the title and submits again: the published version stays online.
    posting.refresh_from_db()
    posting.title_fr = "Ingénieur·e en barrages"
    posting.work_mode = Posting.WorkMode.REMOTE
    posting.save()
    services.posting_submit(posting=posting, actor=user)
    assert Posting.objects.get(pk=posting.pk).state == S.IN_VALIDATION
    assert titles(js.Criteria(q="viaducs")) == ["Ingénieur·e en viaducs"]
    assert titles(js.Criteria(q="barrages")) == []
    assert titles(js.Criteria(work_mode="remote")) == []
    # Approved: now the new version is what the public finds.
    review_decide(review=open_review(posting), actor=UserFactory(staff_role="regulator"),
                  decision="approve")  # fmt: skip
    assert titles(js.Criteria(q="barrages")) == ["Ingénieur·e en barrages"]
    assert titles(js.Criteria(q="viaducs")) == []
    assert len(titles(js.Criteria(work_mode="remote"))) == 1


def test_the_count_is_capped_and_pages_stop_there(employer, monkeypatch):
    user, group = employer
    monkeypatch.setattr(js, "CAP", 5)
    for n in range(8):
        live(group, user, title_fr=f"Ingénieur·e {n}", days_ago=n)
    results = js.search(js.Criteria(q="ingénieur"), size=3)
    assert results.capped and results.total > 5 and results.pages == 2
    assert len(results.rows) == 3 and results.has_next
    second = js.search(js.Criteria(q="ingénieur"), size=3, page=2)
    assert len(second.rows) == 3 and not second.has_next
    assert {r.posting.pk for r in results.rows}.isdisjoint({r.posting.pk for r in second.rows})
    # Beyond the cap: its last page.
    assert js.search(js.Criteria(q="ingénieur"), size=3, page=9).page == 2


def test_pagination_covers_every_result_once(employer):
    user, group = employer
    for n in range(7):
        live(group, user, title_fr=f"Ingénieur·e {n}", days_ago=n % 3)
    seen = []
    for page in (1, 2, 3):
        results = js.search(js.Criteria(q="ingénieur"), size=3, page=page)
        seen += [r.posting.pk for r in results.rows]
    assert len(seen) == len(set(seen)) == 7 and results.total == 7 and not results.capped


def test_criteria_from_a_query_string_ignore_bad_values():
    criteria = js.criteria_from({"q": ["pont"], "field": ["abc"], "work_mode": ["remote"]})
    assert (criteria.q, criteria.field, criteria.work_mode) == ("pont", None, "remote")
    assert js.criteria_from({"work_mode": "nowhere"}).work_mode == ""


def test_the_home_lists_featured_then_newest(employer):
    user, group = employer
    live(group, user, title_fr="Récente")
    live(group, user, title_fr="Vedette", days_ago=4, featured=True)
    gone = live(group, user, title_fr="Partie", featured=True)
    Posting.objects.filter(pk=gone.pk).update(live=False, state=S.EXPIRED)
    featured, newest = js.home_lists()
    assert [r.posting.title_fr for r in featured] == ["Vedette"]
    assert [r.posting.title_fr for r in newest] == ["Récente", "Vedette"]
