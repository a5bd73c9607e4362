"""The seekers' mailings (J8): the followers' e-mail on a first publication (not on a new
version), and the weekly « jobs of the week », each sent once per recipient."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jobboard.postings import services
from jobboard.postings.models import Posting
from jobboard.seekers import digest
from jobboard.seekers import services as seekers
from jobboard.seekers.models import DigestDelivery, FollowerNotice, SeekerProfile
from portal.models import OutboundEmail
from portal.services.reviews import review_decide
from tests.factories import UserFactory
from tests.jobboard.postings_helpers import complete_posting, open_review, ready_group, submitted
from tests.utils import path_of

pytestmark = pytest.mark.django_db
S = Posting.State


@pytest.fixture
def company(alice):
    return ready_group(alice, name="Ponts et Chaussées inc.")


def _followers(group, n, language="fr"):
    users = [UserFactory(language=language) for _n in range(n)]
    for user in users:
        seekers.follow(user=user, group=group)
    return users


def test_followers_get_one_email_on_publication_not_on_a_revision(
    company, alice, dana, django_capture_on_commit_callbacks
):
    french, english = _followers(company, 1)[0], _followers(company, 1, "en")[0]
    UserFactory(email="stranger@example.org")
    posting = submitted(company, alice)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(review=open_review(posting), actor=dana, decision="approve")
    to_followers = [m for m in mail.outbox if m.to[0] in (french.email, english.email)]
    assert len(to_followers) == 2
    fr = next(m for m in to_followers if m.to == [french.email])
    en = next(m for m in to_followers if m.to == [english.email])
    assert fr.subject == "Nouvelle offre de Ponts et Chaussées inc. : Ingénieur·e en structures"
    assert en.subject == "New posting from Ponts et Chaussées inc.: Structural engineer"
    assert f"/fr/jobs/{posting.pk}/" in fr.body and f"/en/jobs/{posting.pk}/" in en.body
    header = fr.extra_headers["List-Unsubscribe"].strip("<>")
    assert fr.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert header in fr.body and "/fr/jobs/unsubscribe/" in header
    assert "stranger@example.org" not in [m.to[0] for m in mail.outbox]

    # A new version of the live posting, approved: no second e-mail.
    posting.refresh_from_db()
    Posting.objects.filter(pk=posting.pk).update(title_fr="Nouveau titre")
    posting = services.posting_submit(posting=posting, actor=alice)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(review=open_review(posting), actor=dana, decision="approve")
    assert not [m for m in mail.outbox if m.to[0] in (french.email, english.email)]
    assert FollowerNotice.objects.count() == 2


def test_scheduled_posting_published_by_the_job_emails_followers(
    company, alice, django_capture_on_commit_callbacks
):
    (follower,) = _followers(company, 1)
    today = timezone.localdate()
    complete_posting(company, alice, state=S.SCHEDULED, publish_mode="on_date", publish_on=today)
    with django_capture_on_commit_callbacks(execute=True):
        services.postings_publish_and_expire(today)
    assert [m.to for m in mail.outbox] == [[follower.email]]
    with django_capture_on_commit_callbacks(execute=True):
        services.postings_publish_and_expire(today)  # nothing new published: nothing sent
    assert len(mail.outbox) == 1


def test_the_follower_task_run_twice_sends_once(company, alice, django_capture_on_commit_callbacks):
    _followers(company, 7)
    posting = complete_posting(company, alice, state=S.ACTIVE, live=True)
    posting.published = services.snapshot(posting)
    posting.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert seekers.follower_notices_send(posting_id=posting.pk, batch=3) == 7
        assert seekers.follower_notices_send(posting_id=posting.pk, batch=3) == 0
    assert len(mail.outbox) == 7 and OutboundEmail.objects.count() == 7


def test_follower_unsubscribe_link_stops_only_that_company(
    client, company, alice, django_capture_on_commit_callbacks
):
    other = ready_group(alice, name="Autre firme inc.")
    (follower,) = _followers(company, 1)
    seekers.follow(user=follower, group=other)
    posting = complete_posting(company, alice, state=S.ACTIVE, live=True)
    posting.published = services.snapshot(posting)
    posting.save()
    with django_capture_on_commit_callbacks(execute=True):
        seekers.follower_notices_send(posting_id=posting.pk)
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    client.post(path_of(link))
    assert list(follower.followed_groups.values_list("group_id", flat=True)) == [other.pk]


# --- The jobs of the week ---------------------------------------------------------------------


def _live(group, user, title, featured=False, days_ago=1):
    posting = complete_posting(group, user, state=S.ACTIVE, live=True, title_fr=title)
    posting.published = services.snapshot(posting)
    posting.published_at = timezone.now() - datetime.timedelta(days=days_ago)
    if featured:
        posting.featured_until = timezone.localdate() + datetime.timedelta(days=3)
    posting.save()
    return posting


def _subscribers(n, language="fr"):
    users = [UserFactory(language=language) for _n in range(n)]
    SeekerProfile.objects.bulk_create(SeekerProfile(user=u, weekly_digest=True) for u in users)
    return users


def test_digest_lists_featured_first_once_per_week(
    client, company, alice, django_capture_on_commit_callbacks
):
    _live(company, alice, "Ancienne offre", days_ago=9)
    _live(company, alice, "Offre ordinaire", days_ago=1)
    _live(company, alice, "Offre en vedette", featured=True, days_ago=3)
    (subscriber,) = _subscribers(1)
    (english,) = _subscribers(1, "en")
    SeekerProfile.objects.create(user=UserFactory(email="no@example.org"), weekly_digest=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert digest.weekly_digest_send() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([subscriber.email, english.email])
    message = next(m for m in mail.outbox if m.to == [subscriber.email])
    assert message.subject == "Les offres d’emploi de la semaine"
    body = message.body
    assert "EN VEDETTE" in body and "LES AUTRES OFFRES" in body
    assert body.index("Offre en vedette") < body.index("Offre ordinaire")
    assert "Ancienne offre" not in body
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in body
    assert next(m for m in mail.outbox if m.to == [english.email]).subject == "The jobs of the week"
    # A second run of the same week sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert digest.weekly_digest_send() == 0
    assert len(mail.outbox) == 2
    assert DigestDelivery.objects.count() == 2
    # The link (signed out) stops the weekly e-mail.
    client.post(path_of(link))
    assert not SeekerProfile.objects.get(user=subscriber).weekly_digest


def test_no_digest_in_a_week_without_postings(django_capture_on_commit_callbacks):
    _subscribers(2)
    with django_capture_on_commit_callbacks(execute=True):
        assert digest.weekly_digest_send() == 0
    assert mail.outbox == [] and not DigestDelivery.objects.exists()


def test_digest_caps_the_list(company, alice):
    for n in range(digest.CAP + 2):
        _live(company, alice, f"Offre {n}")
    featured, others, total = digest.postings_of_the_week(timezone.localdate())
    assert len(featured) + len(others) == digest.CAP and total == digest.CAP + 2
    rendered = digest.render_digest(timezone.localdate())
    assert "Et 2 autres offres" in rendered["fr"][1]


@pytest.mark.parametrize("size", [1, 50])
def test_digest_statements_per_batch_do_not_grow(company, alice, size):
    _live(company, alice, "Offre", featured=True)
    _live(company, alice, "Autre offre")
    _subscribers(size)
    rendered = digest.render_digest(timezone.localdate())
    week = digest.week_of(timezone.localdate())
    with CaptureQueriesContext(connection) as batch:
        last, queued = digest.send_batch(after=0, week=week, rendered=rendered, size=500)
    assert queued == size and last is not None
    # claim (1) + recipients (1) + messages (1), and the savepoint pair of the batch.
    assert len(batch) == 5, [q["sql"][:60] for q in batch.captured_queries]
