"""The public list's keyset pages: featured postings first, then the others, newest first (or
by relevance with words); following `next` gives every live posting once."""

import datetime

import pytest
from django.utils import timezone

from tests.api.helpers import api, jobs_group, live_posting

pytestmark = pytest.mark.django_db


@pytest.fixture
def postings(settings):
    """Seven live postings a minute apart (the newest last), the 2nd and 5th featured; one
    draft."""
    settings.API_PUBLIC_CACHE_SECONDS = 0
    group, user = jobs_group()
    now, today = timezone.now(), timezone.localdate()
    made = []
    for n in range(7):
        posting = live_posting(group, user)
        posting.published_at = now - datetime.timedelta(minutes=10 - n)
        if n in (1, 4):
            posting.featured_until = today + datetime.timedelta(days=3)
        elif n == 6:
            posting.featured_until = today - datetime.timedelta(days=1)  # its days have run
        posting.save()
        made.append(posting.pk)
    draft = live_posting(group, user)
    draft.live = False
    draft.save()
    return made


def walk(path: str, lang: str = "en") -> list[tuple[int, bool]]:
    seen, link = [], path
    while link:
        response = api(lang=lang).get(link)
        assert response.status_code == 200, response.content
        body = response.json()
        assert len(body["results"]) <= 2
        seen += [(row["id"], row["featured"]) for row in body["results"]]
        link = body["next"]
    return seen


def test_newest_first_featured_ahead_every_posting_once(postings):
    seen = walk("/api/v1/postings/?page_size=2")
    featured = [postings[4], postings[1]]
    others = [postings[6], postings[5], postings[3], postings[2], postings[0]]
    assert seen == [(pk, True) for pk in featured] + [(pk, False) for pk in others]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_by_relevance_featured_ahead_every_posting_once(postings, lang):
    seen = [pk for pk, _f in walk("/api/v1/postings/?page_size=2&q=structures", lang)]
    assert sorted(seen[:2]) == sorted([postings[1], postings[4]])
    assert sorted(seen) == sorted(postings) and len(seen) == len(set(seen))


def test_filters_and_sort_by_date_with_words(postings):
    seen = walk("/api/v1/postings/?page_size=2&q=structures&sort=date&work_mode=hybrid")
    assert [pk for pk, _f in seen][:2] == [postings[4], postings[1]]
    assert len(seen) == 7
    assert walk("/api/v1/postings/?page_size=2&work_mode=remote") == []
