"""Two beat processes by mistake: every job of CELERY_BEAT_SCHEDULE runs twice at once (each
run in its own thread with its own database connection, through the registered task as
the worker calls it). Each effect happens once: one e-mail per recipient, one change and one
audit event per row. A job added to the schedule without a case here fails the first test."""

import datetime
from collections import Counter
from collections.abc import Callable

import pytest
from celery import current_app
from django.conf import settings
from django.core import mail
from django.utils import timezone

from portal.alerts import alert_preferences_save
from portal.models import AuditEvent, OutboundEmail
from tests.factories import UserFactory
from tests.utils import run_concurrently

pytestmark = pytest.mark.django_db(transaction=True)
CASES: dict[str, Callable[[], Callable[[], None]]] = {}


def case(task: str):
    """`prepare()` makes the job's due data and returns the check of its single effect."""

    def register(prepare):
        CASES[task] = prepare
        return prepare

    return register


def mailed_once(addresses) -> None:
    counts = Counter(address for message in mail.outbox for address in message.to)
    assert {a: counts[a] for a in addresses} == {a: 1 for a in addresses}, counts


def once_per_subject(verb: str, expected: int) -> None:
    subjects = list(AuditEvent.objects.filter(verb=verb).values_list("subject_id", flat=True))
    assert len(subjects) == len(set(subjects)) == expected, (verb, subjects)


@case("portal.tasks.retry_unsent_emails")
def _unsent_emails():
    users = [UserFactory() for _n in range(6)]
    OutboundEmail.objects.bulk_create(
        OutboundEmail(to=u.email, subject="s", body_text="b", template="t", language="fr")
        for u in users
    )
    OutboundEmail.objects.update(updated_at=timezone.now() - datetime.timedelta(hours=1))
    return lambda: mailed_once([u.email for u in users])


@case("console.reconcile")
def _console_items():
    """Reviews whose console items a set-based change lost: the job opens each one once."""
    from portal.console.models import WorkItem
    from tests.console.helpers import review_item

    reviews = [review_item(name=f"Entreprise {n}").subject_id for n in range(3)]
    WorkItem.objects.all().delete()

    def check():
        counts = Counter(
            WorkItem.objects.filter(state="waiting").values_list("subject_id", flat=True)
        )
        assert sorted(counts) == sorted(reviews) and set(counts.values()) == {1}, counts

    return check


@case("licensing.send_window_reminders")
def _licensing_reminders():
    from tests.licensing.helpers import approved, reference_data, shift_window

    reference_data()
    soon, closed = approved(), approved()
    shift_window(soon, 7)
    shift_window(closed, -1)

    def check():
        mailed_once([soon.applicant.email])
        assert len(mail.outbox) == 1
        closed.refresh_from_db()
        assert closed.state == "lapsed"
        assert AuditEvent.objects.filter(subject_id=closed.pk, to_state="lapsed").count() == 1

    return check


@case("licensing.send_weekly_unused_summaries")
def _licensing_summaries():
    from tests.licensing.helpers import buy_by_invoice, company, reference_data, representative

    reference_data()
    groups = [company(name=f"Mines {n} inc.") for n in range(3)]
    reps = [representative(group) for group in groups]
    for group, rep in zip(groups, reps, strict=True):
        buy_by_invoice(group, rep, 5)
    return lambda: mailed_once([rep.email for rep in reps])


@case("matching.tasks.eligibility_sweep_task")
def _eligibility_sweep():
    from tests.matching import helpers
    from tests.matching.reference_data import ensure_reference_data

    ensure_reference_data()
    operators = [helpers.operator(expires=helpers.in_days(-1)) for _n in range(3)]

    def check():
        mailed_once([op.user.email for op in operators])
        once_per_subject("operator.deactivated", 3)

    return check


@case("jobboard.publish_and_expire_postings")
def _publish_and_expire():
    from jobboard.boosts import alerts
    from jobboard.postings.models import Posting
    from tests.jobboard.postings_helpers import complete_posting, ready_group

    user = UserFactory()
    group = ready_group(user, name="Publication inc.")
    alert_preferences_save(user=user, choices=dict.fromkeys(alerts.ALERT_KEYS.values(), True))
    today = timezone.localdate()
    for _n in range(4):
        complete_posting(
            group, user, state=Posting.State.SCHEDULED, publish_mode="on_date", publish_on=today
        )
        complete_posting(
            group,
            user,
            state=Posting.State.ACTIVE,
            live=True,
            ends_on=today - datetime.timedelta(days=1),
        )

    def check():
        once_per_subject("posting.active", 4)
        once_per_subject("posting.expired", 4)
        from jobboard.boosts.models import EmployerAlertSent

        sent = EmployerAlertSent.objects.count()
        mailed = OutboundEmail.objects.filter(template__startswith="jobboard_alert_")
        assert sent >= 4 and mailed.count() == sent and len(mail.outbox) == sent

    return check


@case("jobboard.weekly_digest")
def _weekly_digest():
    from jobboard.seekers.models import SeekerProfile
    from tests.jobboard.boosts_helpers import active_posting
    from tests.jobboard.postings_helpers import ready_group

    manager = UserFactory()
    active_posting(ready_group(manager, name="Digest inc."), manager)
    users = [UserFactory() for _n in range(6)]
    SeekerProfile.objects.bulk_create(
        SeekerProfile(user=u, weekly_digest=True)  # type: ignore[misc]
        for u in users
    )
    return lambda: mailed_once([u.email for u in users])


@case("jobboard.saved_search_alerts")
def _saved_search_alerts():
    from jobboard.seekers.models import SavedSearch
    from tests.jobboard.postings_helpers import ready_group
    from tests.jobboard.search_helpers import live

    manager = UserFactory()
    live(ready_group(manager, name="Recherche inc."), manager, title_fr="Ingénieur·e hydraulique")
    yesterday = timezone.now() - datetime.timedelta(days=1)
    users = [UserFactory() for _n in range(4)]
    for user in users:
        SavedSearch.objects.create(
            user=user, label="Hydraulique", params={"q": ["hydraulique"]}, last_sent_at=yesterday
        )
    return lambda: mailed_once([u.email for u in users])


def test_every_scheduled_job_has_a_case():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled == set(CASES)


def test_every_job_run_twice_at_once_has_its_effect_once():
    """One test for every job (one database flush, not seven): each job's due data, then the
    job twice at once, then its check."""
    current_app.autodiscover_tasks(force=True)  # the worker imports every tasks.py at start
    for task in sorted(CASES):
        check = CASES[task]()
        mail.outbox.clear()  # what preparing the data sent (approvals, orders)
        job = current_app.tasks[task]
        run_concurrently(job, job)
        try:
            check()
        except AssertionError as error:
            raise AssertionError(f"{task}: {error}") from error
