"""The queue (issue 20 items 2, 3, 4, 6): filters and counts, deadlines, assignment, next
item, decisions recorded against the assignee, the archive."""

import datetime

import pytest
from django.core import mail

from portal.console.models import WorkItem
from portal.console.services import due_date_for, work_give, work_release, work_take
from portal.errors import CoreError
from portal.models import AuditEvent
from tests.console.helpers import review_item, staff
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def overdue(item: WorkItem) -> WorkItem:
    WorkItem.objects.filter(pk=item.pk).update(due_date=datetime.date(2020, 1, 6))
    item.refresh_from_db()
    return item


def test_a_two_office_reviewer_sees_both_offices_and_filters(client):
    reviewer = staff("regulator", "city")
    ours = review_item("regulator", name="Génie Laval inc.")
    theirs = review_item("city", name="Bâtiments Ottawa inc.")
    review_item("ministry", name="Ministère caché inc.")
    client.force_login(reviewer)
    page = client.get("/en/console/").content.decode()
    assert "Génie Laval" in page and "Bâtiments Ottawa" in page and "Ministère caché" not in page
    page = client.get("/en/console/?office=city").content.decode()
    assert "Bâtiments Ottawa" in page and "Génie Laval" not in page
    # An office the person does not hold is ignored (all of theirs are shown).
    page = client.get("/en/console/?office=ministry").content.decode()
    assert "Ministère caché" not in page
    page = client.get("/en/console/?q=laval").content.decode()
    assert "Génie Laval" in page and "Bâtiments Ottawa" not in page
    page = client.get(f"/en/console/?q=%23{theirs.pk}").content.decode()
    assert "Bâtiments Ottawa" in page and "Génie Laval" not in page
    assert ours.kind == theirs.kind


def test_counts_per_state_and_overdue_stands_out_in_words(client):
    reviewer = staff("regulator")
    late = overdue(review_item("regulator", name="En retard inc."))
    review_item("regulator", name="À temps inc.")
    work_take(item=late, actor=reviewer)
    client.force_login(reviewer)
    response = client.get("/en/console/")
    counts = {key: n for key, _label, n in response.context["states"]}
    assert counts == {"waiting": 2, "overdue": 1, "mine": 1, "unassigned": 1, "decided": 0}
    page = response.content.decode()
    assert 'class="table-danger"' in page and ">Overdue</span>" in page
    mine = client.get("/en/console/?state=mine").content.decode()
    assert "En retard" in mine and "À temps" not in mine
    header = client.get("/en/dashboard/").content.decode()
    assert '2<span class="visually-hidden"> waiting' in header and "1 overdue" in header


def test_take_give_release(client):
    ann, ben = staff("regulator"), staff("regulator")
    outsider = staff("city")
    item = review_item("regulator")
    assert work_take(item=item, actor=ann).assignee == ann
    with pytest.raises(CoreError, match=ann.display_name):
        work_take(item=item, actor=ben)
    with pytest.raises(CoreError, match="same office"):
        work_give(item=item, actor=ann, to=outsider)
    assert work_give(item=item, actor=ann, to=ben).assignee == ben
    with pytest.raises(CoreError, match="supervisor"):
        work_release(item=item, actor=ann)
    assert work_release(item=item, actor=ben).assignee is None
    verbs = list(
        AuditEvent.objects.filter(subject_id=item.pk, verb__startswith="work.")
        .order_by("pk")
        .values_list("verb", flat=True)
    )
    assert verbs == ["work.taken", "work.given", "work.released"]


def test_the_loser_of_a_take_is_told_who_has_it(client):
    ann, ben = staff("regulator", first_name="Ann"), staff("regulator")
    item = review_item("regulator")
    work_take(item=item, actor=ann)
    client.force_login(ben)
    response = client.post(f"/en/console/items/{item.pk}/take/", follow=True)
    assert "Ann" in response.content.decode() and "already taken" in response.content.decode()


def test_next_item_takes_the_oldest_unassigned(client):
    reviewer = staff("regulator", "city")
    first = review_item("city")
    second = review_item("regulator")
    work_take(item=first, actor=staff("city"))
    client.force_login(reviewer)
    response = client.post("/en/console/next/")
    assert response.url == f"/en/console/items/{second.pk}/"
    second.refresh_from_db()
    assert second.assignee == reviewer
    response = client.post("/en/console/next/", follow=True)
    assert "Nothing unassigned is waiting" in response.content.decode()


def test_deciding_records_against_the_assignee_and_emails(
    client, django_capture_on_commit_callbacks
):
    reviewer = staff("regulator")
    applicant = UserFactory(email="applicant@example.org")
    item = review_item("regulator", applicant=applicant)
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/console/items/{item.pk}/", {"decision": "refuse", "note": "Not a real firm."}
        )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.state, item.outcome, item.decided_by, item.assignee) == (
        "decided",
        "refused",
        reviewer,
        reviewer,
    )
    assert item.note == "Not a real firm."
    assert any("applicant@example.org" in m.to for m in mail.outbox)
    archive = client.get("/en/console/?state=decided&q=applicant").content.decode()
    assert "Not a real firm." in archive
    page = client.get(f"/en/console/items/{item.pk}/").content.decode()
    assert "History" in page


def test_an_item_someone_else_has_cannot_be_decided(client):
    ann, ben = staff("regulator", first_name="Ann"), staff("regulator")
    item = review_item("regulator")
    work_take(item=item, actor=ann)
    client.force_login(ben)
    response = client.post(f"/en/console/items/{item.pk}/", {"decision": "approve", "note": ""})
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.state == "waiting"


def test_business_days_count_the_offices_holidays():
    friday = datetime.date(2026, 2, 13)  # Monday 16 is Family Day in Ontario, not in Quebec
    assert due_date_for(friday, 2, "regulator") == datetime.date(2026, 2, 17)
    assert due_date_for(friday, 2, "city") == datetime.date(2026, 2, 18)
    before_st_jean = datetime.date(2026, 6, 23)  # June 24: Quebec's national holiday
    assert due_date_for(before_st_jean, 1, "regulator") == datetime.date(2026, 6, 25)
    assert due_date_for(before_st_jean, 1, "city") == datetime.date(2026, 6, 24)


def test_a_supervisor_changes_a_deadline_and_due_dates_follow(client):
    boss = staff("regulator", level="supervisor")
    item = review_item("regulator")
    client.force_login(boss)
    response = client.post(
        f"/en/console/deadlines/{item.kind}/", {f"{item.kind}-business_days": "10"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    arrived = item.created_at.astimezone(datetime.UTC).date()
    assert item.due_date > due_date_for(arrived, 2, "regulator")
    client.force_login(staff("regulator"))
    response = client.post(
        f"/en/console/deadlines/{item.kind}/", {f"{item.kind}-business_days": "3"}
    )
    assert response.status_code == 403


def test_overview_and_csv(client, django_capture_on_commit_callbacks):
    boss = staff("regulator", level="supervisor")
    item = review_item("regulator", name="Exportée inc.")
    client.force_login(boss)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/console/items/{item.pk}/", {"decision": "approve", "note": ""})
    response = client.get("/en/console/overview/")
    assert response.status_code == 200
    row = response.context["rows"][0]
    assert (row["waiting"], row["last_7"], row["last_30"]) == (0, 1, 1)
    assert "<svg" in response.content.decode()
    today, day = datetime.date.today(), datetime.timedelta(days=1)
    response = client.get(
        f"/en/console/overview/decisions.csv?start={today - day}&end={today + day}"
    )
    body = b"".join(response.streaming_content).decode()
    assert "Exportée inc." in body and "Approved" in body
    response = client.get("/en/console/overview/decisions.csv?start=2026-02-01&end=2026-01-01")
    assert response.status_code == 302


def test_the_csv_periods_dates_are_iso_and_its_end_reads_au_in_french(client):
    """A type="date" input needs an ISO value (a localised one shows an empty field), and the
    period's end is « Au », while an e-mail's "To" stays « Destinataire » (the outbox)."""
    from django.utils import timezone, translation

    client.force_login(staff("regulator", level="supervisor"))
    today = timezone.localdate()
    for language in ("fr", "en"):
        page = client.get(f"/{language}/console/overview/").content.decode()
        assert f'value="{today.replace(day=1).isoformat()}"' in page
        assert f'value="{today.isoformat()}"' in page
    assert '<label class="form-label" for="id_end">To</label>' in page  # English, the last
    french = client.get("/fr/console/overview/").content.decode()
    assert '<label class="form-label" for="id_end">Au</label>' in french
    assert '<label class="form-label" for="id_start">Du</label>' in french
    assert "Destinataire" not in french
    with translation.override("fr"):
        assert translation.gettext("To") == "Destinataire"


def test_a_search_of_several_words_finds_the_phrase_only(client):
    # The index looks up one word (the one with a digit, else the longest); the rows
    # still hold the whole phrase, in the list and in the counts.
    reviewer = staff("regulator")
    review_item("regulator", name="Bureau 1234 Laval inc.")
    review_item("regulator", name="Laval Bureau 1234 inc.")
    client.force_login(reviewer)
    response = client.get("/en/console/?q=bureau+1234+laval")
    page = response.content.decode()
    assert "Bureau 1234 Laval" in page and "Laval Bureau 1234" not in page
    counts = {key: n for key, _label, n in response.context["states"]}
    assert counts["waiting"] == 1
    response = client.get("/en/console/?q=laval+bureau")
    assert {key: n for key, _label, n in response.context["states"]}["waiting"] == 1


@pytest.mark.parametrize("url", ["/en/console/", "/en/console/overview/"])
def test_the_header_counts_what_waits_for_the_person_on_the_console_pages(client, url):
    # The queue and the overview count the header's figures in their own statement.
    boss, other = staff("regulator", level="supervisor"), staff("regulator")
    overdue(review_item("regulator", name="Libre en retard inc."))
    work_take(item=review_item("regulator", name="À moi inc."), actor=boss)
    work_take(item=overdue(review_item("regulator", name="À un autre inc.")), actor=other)
    review_item("city", name="Autre bureau inc.")
    client.force_login(boss)
    page = client.get(url).content.decode()
    assert '2<span class="visually-hidden"> waiting' in page and "1 overdue" in page


def test_the_overview_gives_the_median_time_to_decision(client):
    boss = staff("regulator", level="supervisor")
    now = datetime.datetime.now(datetime.UTC)
    for hours in (1, 3, 50):
        item = review_item("regulator")
        WorkItem.objects.filter(pk=item.pk).update(
            state="decided",
            created_at=now - datetime.timedelta(hours=hours + 1),
            decided_at=now - datetime.timedelta(hours=1),
        )
    client.force_login(boss)
    row = client.get("/en/console/overview/").context["rows"][0]
    assert (row["last_30"], row["median"]) == (3, "0 d 3 h")


def test_the_queue_reads_each_reviews_summary_and_shows_an_item_added_later(client):
    """The page's one statement joins the reviews (their summary is the row's title) and is
    written once per process: an item added after the first page shows on the next."""
    from portal.models import Review

    item = review_item("regulator", name="Première inc.")
    Review.objects.filter(pk=item.subject_id).update(summary="Résumé <b>lu</b>")
    WorkItem.objects.filter(pk=item.pk).update(title="Titre stocké")
    client.force_login(staff("regulator"))
    page = client.get("/en/console/").content.decode()
    assert "Résumé &lt;b&gt;lu&lt;/b&gt;" in page and "Titre stocké" not in page
    review_item("regulator", name="Seconde inc.")
    page = client.get("/en/console/").content.decode()
    assert "Seconde inc." in page and "Résumé &lt;b&gt;lu&lt;/b&gt;" in page


def test_the_overviews_header_counts_every_office_and_its_table_the_supervised_ones(client):
    """A supervisor of one office who reviews another: the header counts both (as on the
    other pages), the overview's table shows the supervised office only."""
    from accounts.models import User

    boss = staff("regulator", "city", level="supervisor")
    User.objects.filter(pk=boss.pk).update(
        staff_offices={"regulator": "supervisor", "city": "reviewer"}
    )
    review_item("regulator", name="Ici inc.")
    overdue(review_item("city", name="Ailleurs inc."))
    client.force_login(User.objects.get(pk=boss.pk))
    response = client.get("/en/console/overview/")
    page = response.content.decode()
    assert '2<span class="visually-hidden"> waiting' in page and "1 overdue" in page
    assert [row["office"] for row in response.context["rows"]] == ["regulator"]
