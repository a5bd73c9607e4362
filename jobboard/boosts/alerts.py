"""Employer alerts (J8), off by default, switched on per user in "My communications":
on publication, 10 days before the end, at the end, when the posting stops being featured.

Who receives: the group's active members holding the postings permission
(`jobboard_manage_postings`: principal manager, posting manager) who switched the alert on.
Each alert goes out once per posting, kind and date (`EmployerAlertSent`, unique), claimed by
one set-based INSERT … ON CONFLICT DO NOTHING RETURNING: two jobs running at once claim
disjoint rows, and the regulator's approval (which publishes at once) claims its publication
alert the same way, so the job never sends it again."""

import datetime

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobboard import roles
from jobboard.boosts.models import EmployerAlertSent
from jobboard.postings import signals
from jobboard.postings.models import Posting
from portal.models import AlertPreference, GroupUserPermission, Membership
from portal.notify import notify

K = EmployerAlertSent.Kind
ALERT_KEYS = {
    K.PUBLISHED: "jobboard.alert_published",
    K.ENDING_SOON: "jobboard.alert_ending_soon",
    K.ENDED: "jobboard.alert_ended",
    K.FEATURED_ENDED: "jobboard.alert_featured_ended",
}
ALERT_LABELS = {
    K.PUBLISHED: _("When one of the group's postings is published"),
    K.ENDING_SOON: _("10 days before a posting's publication ends"),
    K.ENDED: _("When a posting's publication ends"),
    K.FEATURED_ENDED: _("When a posting is no longer featured"),
}
TEMPLATES = {kind: f"jobboard_alert_{kind}" for kind in ALERT_KEYS}
ENDING_SOON_DAYS = 10
# Events older than this are not alerted (the first run after the feature went live).
HORIZON_DAYS = 3


def register() -> None:
    from portal.alerts import register_alert

    for kind, key in ALERT_KEYS.items():
        register_alert(key, ALERT_LABELS[kind])
    signals.approved_live.connect(_alert_approved_live, dispatch_uid="employer_alerts")


def _alert_approved_live(sender, *, posting: Posting, **_kwargs) -> None:
    alert_published_now(posting)  # J8, claimed once (the scheduled job skips it)


# posting id, kind, the date the alert is about; one SELECT per kind, claimed together.
_DUE_SQL = """
    SELECT id, 'published', (published_at AT TIME ZONE %(tz)s)::date FROM jobboard_posting
    WHERE live AND state = 'active' AND published_at >= %(since)s
    UNION ALL
    SELECT id, 'ending_soon', ends_on FROM jobboard_posting
    WHERE live AND state = 'active' AND ends_on BETWEEN %(today)s AND %(soon)s
    UNION ALL
    SELECT id, 'ended', (ended_at AT TIME ZONE %(tz)s)::date FROM jobboard_posting
    WHERE state IN ('expired', 'archived') AND published_at IS NOT NULL
        AND ended_at >= %(since)s
    UNION ALL
    SELECT id, 'featured_ended', featured_until FROM jobboard_posting
    WHERE published_at IS NOT NULL AND featured_until < %(today)s
        AND featured_until >= %(since_day)s
"""
_CLAIM_SQL = """
    INSERT INTO jobboard_employeralertsent (posting_id, kind, about, sent_at)
    SELECT due.id, due.kind, due.about, %(now)s FROM ({due}) AS due (id, kind, about)
    {only}
    ON CONFLICT (posting_id, kind, about) DO NOTHING
    RETURNING posting_id, kind
"""


def _claim(params: dict, only_posting: int | None = None, only_kind: str = "") -> list:
    only = ""
    if only_posting is not None:
        only = "WHERE due.id = %(posting)s AND due.kind = %(kind)s"
        params = {**params, "posting": only_posting, "kind": only_kind}
    sql = _CLAIM_SQL.format(due=_DUE_SQL, only=only)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _params(today: datetime.date) -> dict:
    now = timezone.now()
    return {
        "now": now,
        "tz": timezone.get_current_timezone_name(),
        "today": today,
        "soon": today + datetime.timedelta(days=ENDING_SOON_DAYS),
        "since": now - datetime.timedelta(days=HORIZON_DAYS),
        "since_day": today - datetime.timedelta(days=HORIZON_DAYS),
    }


def _recipients(group_ids: set[int], keys: set[str]) -> dict[tuple[int, str], list]:
    """(group id, alert key) -> the users to alert (one query)."""
    if not group_ids:
        return {}
    holders = GroupUserPermission.objects.filter(
        content_object_id__in=group_ids, permission__codename=roles.MANAGE_POSTINGS
    ).values_list("content_object_id", "user_id")
    members = set(
        Membership.objects.filter(
            group_id__in=group_ids, status=Membership.Status.ACTIVE
        ).values_list("group_id", "user_id")
    )
    wanted = set(
        AlertPreference.objects.filter(key__in=keys, enabled=True).values_list("user_id", "key")
    )
    pairs = [pair for pair in holders if pair in members]
    users = get_user_model().objects.in_bulk({user_id for _g, user_id in pairs})
    found: dict[tuple[int, str], list] = {}
    for group_id, user_id in pairs:
        user = users.get(user_id)
        if user is None or not user.is_active:
            continue
        for key in keys:
            if (user_id, key) in wanted:
                found.setdefault((group_id, key), []).append(user)
    return found


def _send(claimed: list) -> int:
    """Queue the e-mails of the claimed alerts (sent after commit)."""
    if not claimed:
        return 0
    postings = Posting.objects.select_related("group__organisation").in_bulk(
        {posting_id for posting_id, _kind in claimed}
    )
    keys = {ALERT_KEYS[kind] for _p, kind in claimed}
    who = _recipients({p.group_id for p in postings.values()}, keys)
    n = 0
    for posting_id, kind in claimed:
        posting = postings[posting_id]
        key = ALERT_KEYS[kind]
        for user in who.get((posting.group_id, key), []):
            notify(user, TEMPLATES[kind], {"posting": posting, "group": posting.group})
            n += 1
    return n


@transaction.atomic
def employer_alerts_run(today: datetime.date | None = None) -> dict[str, int]:
    """The scheduled job: claim every alert now due, then queue its e-mails."""
    today = today or timezone.localdate()
    claimed = _claim(_params(today))
    return {"alerts": len(claimed), "alert_emails": _send(claimed)}


def alert_published_now(posting: Posting) -> int:
    """The regulator's approval published the posting: its publication alert now (inside the
    approval's transaction; the job finds it claimed)."""
    claimed = _claim(_params(timezone.localdate()), only_posting=posting.pk, only_kind="published")
    return _send(claimed)
