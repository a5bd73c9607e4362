"""Saved searches of the job site (J10): a signed-in user keeps a search under a name, and a
daily job e-mails each one's NEW matching postings (published since the last e-mail).

The job claims each saved search with a conditional UPDATE of `last_sent_at` (still the value
it read): two runs at once never send the same alert twice, the second one finds the row
already moved on. The claim, the search and the queued e-mail are one transaction, so a failure
sends nothing and leaves the search to the next run.
"""

import datetime

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobboard.errors import JobboardError
from jobboard.public import search as job_search
from jobboard.seekers.models import SavedSearch
from jobboard.seekers.unsubscribe import register_unsubscribe, unsubscribe_headers, unsubscribe_url
from portal.notify import notify
from portal.services.audit import audit_record

MAX_PER_USER = 20
ALERT_ROWS = 20
# A search is due when its last e-mail is older than this (the job runs daily).
DUE_AFTER = datetime.timedelta(hours=20)
MAILING = "saved_search"


@transaction.atomic
def saved_search_create(*, user, label: str, params: dict[str, list[str]]) -> SavedSearch:
    label = " ".join(label.split())[:120]
    if not label:
        raise JobboardError(_("Give the search a name."))
    if SavedSearch.objects.filter(user=user).count() >= MAX_PER_USER:
        raise JobboardError(
            _("You already keep %(n)s searches: delete one first.") % {"n": MAX_PER_USER}
        )
    clean = {k: v for k, v in params.items() if k in job_search.KEYS and k != "page"}
    # New postings are those published from now on.
    found = SavedSearch.objects.create(
        user=user, label=label, params=clean, last_sent_at=timezone.now()
    )
    audit_record(actor=user, subject=found, verb="jobboard.saved_search_created")
    return found


@transaction.atomic
def saved_search_delete(*, user, pk: int) -> bool:
    """Delete one of the user's own searches (another user's is left alone: False)."""
    found = SavedSearch.objects.filter(pk=pk, user=user).first()
    if found is None:
        return False
    audit_record(actor=user, subject=found, verb="jobboard.saved_search_deleted")
    found.delete()
    return True


def _stop(user, arg: str) -> None:
    try:
        pk = int(arg)
    except (TypeError, ValueError):
        return
    saved_search_delete(user=user, pk=pk)


register_unsubscribe(MAILING, gettext_lazy("the alerts of this saved search"), _stop)


_CLAIM_SQL = """
    UPDATE jobboard_savedsearch SET last_sent_at = %(now)s
    WHERE id = %(id)s AND last_sent_at IS NOT DISTINCT FROM %(seen)s
    RETURNING id
"""


def _claim(found: SavedSearch, now: datetime.datetime) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(_CLAIM_SQL, {"now": now, "id": found.pk, "seen": found.last_sent_at})
        return cursor.fetchone() is not None


@transaction.atomic
def saved_search_alert(found: SavedSearch, now: datetime.datetime | None = None) -> int:
    """Claim one saved search and e-mail its new postings; the number sent (0 if another run
    claimed it first or nothing new matches)."""
    now = now or timezone.now()
    since = found.last_sent_at or found.created_at
    if not _claim(found, now):
        return 0
    user = found.user
    with translation.override(user.language or "fr"):
        criteria = job_search.criteria_from(found.params)
        criteria.sort = "date"
        results = job_search.search(criteria, size=ALERT_ROWS, since=since)
        if not results.rows:
            return 0
        rows = [
            {"title": row.title, "company": row.company, "place": row.place, "id": row.posting.pk}
            for row in results.rows
        ]
    notify(
        user,
        "jobboard_saved_search",
        {
            "search": found,
            "rows": rows,
            "total": results.total,
            "more": results.total > len(rows),
            "query": job_search.querystring(found.params),
            "unsubscribe_url": unsubscribe_url(user, MAILING, found.pk),
        },
        headers=unsubscribe_headers(user, MAILING, found.pk),
    )
    return len(rows)


def saved_search_alerts(now: datetime.datetime | None = None, batch: int = 500) -> int:
    """The daily job: every due saved search, in id order, batch after batch."""
    now = now or timezone.now()
    sent, after = 0, 0
    while True:
        due = list(
            SavedSearch.objects.filter(pk__gt=after, user__is_active=True)
            .filter(Q(last_sent_at__isnull=True) | Q(last_sent_at__lt=now - DUE_AFTER))
            .select_related("user")
            .order_by("pk")[:batch]
        )
        if not due:
            return sent
        for found in due:
            sent += bool(saved_search_alert(found, now))
        after = due[-1].pk
