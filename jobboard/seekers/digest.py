"""« Les offres d'emploi de la semaine » (J8): every Monday, one e-mail to each subscriber
with the postings published in the last 7 days, the featured ones first (J7).

The list is rendered once per language, not per recipient. Subscribers are taken batch after
batch in id order; each batch is one statement that claims the week for its subscribers
(INSERT … ON CONFLICT DO NOTHING RETURNING), one that reads those users and one that stores
their messages, then ONE task sends the batch. So the statements per batch stay the same
whatever the batch size, and a second run of the same week (even at the same instant) finds
every subscriber already claimed and sends nothing."""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from jobboard.employer.company import company_card
from jobboard.postings.models import Posting
from jobboard.seekers.services import (
    BATCH,
    claim_batch,
    personal_emails,
    posting_link,
    published_title,
    render_once,
)

TEMPLATE = "jobboard_weekly_digest"
CAP = 30  # postings listed; the rest are one click away on the search page

_CLAIM_SUBSCRIBERS = """
    WITH batch AS (
        SELECT id, user_id FROM jobboard_seekerprofile
        WHERE weekly_digest AND id > %(after)s ORDER BY id LIMIT %(size)s
    ), claimed AS (
        INSERT INTO jobboard_digestdelivery (user_id, week, created_at)
        SELECT user_id, %(week)s, %(now)s FROM batch
        ON CONFLICT (user_id, week) DO NOTHING
        RETURNING user_id
    )
    SELECT (SELECT max(id) FROM batch), ARRAY(SELECT user_id FROM claimed)
"""


def week_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def postings_of_the_week(today: datetime.date) -> tuple[list[Posting], list[Posting], int]:
    """(featured, others, how many in all) among the live postings published in 7 days."""
    since = timezone.now() - datetime.timedelta(days=7)
    rows = list(
        Posting.objects.filter(live=True, published_at__gte=since)
        .select_related("group__organisation", "group__employer_profile")
        .order_by("-published_at", "-pk")
    )
    featured = [p for p in rows if p.featured_until and p.featured_until >= today]
    others = [p for p in rows if not (p.featured_until and p.featured_until >= today)]
    return featured[:CAP], others[: max(CAP - len(featured), 0)], len(rows)


def _items(postings: list[Posting], language: str) -> list[dict]:
    return [
        {
            "title": published_title(p, language),
            "company": company_card(p.group)["company_name"],
            "city": (p.published or {}).get("city", ""),
            "url": posting_link(p.pk, language),
        }
        for p in postings
    ]


def search_link(language: str) -> str:
    with translation.override(language):
        path = reverse("jobboard:search")
    return settings.SITE_URL.rstrip("/") + path


def render_digest(today: datetime.date) -> dict[str, tuple[str, str]] | None:
    """{language: (subject, body)} for this week, or None when nothing was published."""
    featured, others, total = postings_of_the_week(today)
    if not total:
        return None
    rendered = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            context = {
                "featured": _items(featured, language),
                "others": _items(others, language),
                "total": total,
                "more": total - len(featured) - len(others),
                "search_url": search_link(language),
            }
        rendered[language] = render_once(TEMPLATE, context, language)
    return rendered


def send_batch(
    *, after: int, week: datetime.date, rendered: dict, size: int
) -> tuple[int | None, int]:
    """Claim and queue one batch: (the last profile id seen or None when all were seen,
    the messages queued)."""
    from accounts.models import User
    from portal.notify import queue_emails_bulk

    with transaction.atomic():
        params = {"after": after, "size": size, "week": week, "now": timezone.now()}
        last, claimed = claim_batch(_CLAIM_SUBSCRIBERS, params)
        if last is None:
            return None, 0
        users = User.objects.filter(pk__in=claimed, is_active=True).only("pk", "email", "language")
        queued = queue_emails_bulk(
            personal_emails(users, template=TEMPLATE, rendered=rendered, key="weekly")
        )
        return last, len(queued)


def weekly_digest_send(today: datetime.date | None = None, batch: int = BATCH) -> int:
    """Send this week's e-mail to every subscriber not yet sent it; how many were queued."""
    today = today or timezone.localdate()
    rendered = render_digest(today)
    if rendered is None:
        return 0
    week, after, sent = week_of(today), 0, 0
    while True:
        last, queued = send_batch(after=after, week=week, rendered=rendered, size=batch)
        if last is None:
            return sent
        after, sent = last, sent + queued
