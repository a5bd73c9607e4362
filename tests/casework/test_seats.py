"""S9 seats: a provider's licensed number of concurrent users, decided in the database at
sign-in; freed by sign-out, expiry and idle timeout, or by a manager ending a session."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.utils import timezone

from accounts.models import Seat
from accounts.seats import SeatsFull, seat_limit_set, seat_take
from portal.models import AuditEvent
from tests.factories import PASSWORD, GroupFactory, UserFactory, make_member
from tests.utils import run_concurrently

LOGIN = "/fr/accounts/login/"


def sign_in(user, client=None, login=LOGIN):
    client = client or Client()
    response = client.post(login, {"login": user.email, "password": PASSWORD})
    return client, response


def provider(seats: int, members: int, manager_language: str = "fr"):
    group = GroupFactory(organisation__legal_name="Emplois Nord", service="casework")
    seat_limit_set(organisation=group.organisation, seats=seats)
    manager = UserFactory(first_name="Mona", last_name="Gérante", language=manager_language)
    make_member(manager, group, ["manager"])
    workers = [UserFactory(first_name=f"Worker{i}") for i in range(members)]
    for worker in workers:
        make_member(worker, group, [])
    return group, manager, workers


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.django_db
class TestSignIn:
    def test_any_number_of_accounts_but_sign_ins_stop_at_the_seat_count(self):
        group, manager, workers = provider(seats=2, members=3)
        first, r1 = sign_in(workers[0])
        second, r2 = sign_in(workers[1])
        assert r1.status_code == r2.status_code == 302 and signed_in(first) and signed_in(second)
        third, r3 = sign_in(workers[2])
        assert r3.status_code == 302 and r3["Location"] == LOGIN
        assert not signed_in(third)
        page = third.get(LOGIN).content.decode()
        assert "Les 2 places de Emplois Nord sont occupées" in page
        assert workers[0].display_name not in page  # a worker is not told who holds them
        assert Seat.objects.filter(organisation=group.organisation).count() == 2

    def test_the_manager_is_told_who_holds_the_seats_in_the_pages_language(self):
        # The page's language wins for this visit (issue 12), whatever the saved preference.
        group, manager, workers = provider(seats=1, members=1, manager_language="fr")
        sign_in(workers[0])
        client, response = sign_in(manager, login="/en/accounts/login/")
        assert not signed_in(client)
        assert response["Location"] == "/en/accounts/login/"
        page = client.get(response["Location"]).content.decode()
        assert "The 1 seat of Emplois Nord is in use" in page
        assert f"Seats in use by: {workers[0].display_name}" in page

    def test_the_same_user_in_two_browsers_counts_once(self):
        group, manager, workers = provider(seats=1, members=1)
        a, _ = sign_in(workers[0])
        b, _ = sign_in(workers[0])
        assert signed_in(a) and signed_in(b)

    def test_members_of_other_organisations_and_staff_are_not_counted(self):
        provider(seats=1, members=0)
        outsider = UserFactory()
        make_member(outsider, GroupFactory(), [])
        staff = UserFactory(staff_role="ministry")
        assert signed_in(sign_in(outsider)[0]) and signed_in(sign_in(staff)[0])
        assert not Seat.objects.exists()

    def test_sign_out_frees_the_seat(self):
        group, manager, workers = provider(seats=1, members=2)
        first, _ = sign_in(workers[0])
        assert not signed_in(sign_in(workers[1])[0])
        first.post("/fr/accounts/logout/")
        assert not Seat.objects.exists()
        assert signed_in(sign_in(workers[1])[0])

    def test_an_idle_session_frees_its_seat(self, settings):
        group, manager, workers = provider(seats=1, members=2)
        sign_in(workers[0])
        idle = timezone.now() - timedelta(seconds=settings.SESSION_IDLE_TIMEOUT + 1)
        Seat.objects.update(last_seen_at=idle)
        assert signed_in(sign_in(workers[1])[0])
        assert list(Seat.objects.values_list("user", flat=True)) == [workers[1].pk]

    def test_an_expired_or_deleted_session_frees_its_seat(self):
        group, manager, workers = provider(seats=1, members=3)
        first, _ = sign_in(workers[0])
        from django.contrib.sessions.models import Session

        Session.objects.filter(session_key=first.session.session_key).update(
            expire_date=timezone.now() - timedelta(seconds=1)
        )
        second, _ = sign_in(workers[1])
        assert signed_in(second)
        Session.objects.filter(session_key=second.session.session_key).delete()
        assert signed_in(sign_in(workers[2])[0])

    def test_the_idle_timeout_signs_out_and_frees_the_seat(self, settings):
        group, manager, workers = provider(seats=1, members=1)
        client, _ = sign_in(workers[0])
        session = client.session
        session["portal_session_seen"] = int(timezone.now().timestamp()) - 10_000
        session.save()
        client.get("/fr/dashboard/")
        assert not Seat.objects.exists()

    def test_activity_keeps_the_seat_fresh(self):
        group, manager, workers = provider(seats=1, members=1)
        client, _ = sign_in(workers[0])
        Seat.objects.update(last_seen_at=timezone.now() - timedelta(minutes=10))
        session = client.session
        session["portal_session_seen"] = int(timezone.now().timestamp()) - 120
        session.save()
        client.get("/fr/dashboard/")
        assert Seat.objects.get().last_seen_at > timezone.now() - timedelta(minutes=1)


@pytest.mark.django_db
class TestManagerEndsASession:
    def test_manager_sees_the_seats_and_ends_a_session(self):
        group, manager, workers = provider(seats=2, members=2)
        worker_client, _ = sign_in(workers[0])
        manager_client, _ = sign_in(manager)
        page = manager_client.get(f"/fr/me/seats/{group.pk}/").content.decode()
        assert "2 places occupées sur 2" in page and workers[0].display_name in page
        assert not signed_in(sign_in(workers[1])[0])

        seat = Seat.objects.get(user=workers[0])
        response = manager_client.post(f"/fr/me/seats/{group.pk}/{seat.pk}/end/")
        assert response.status_code == 302
        assert not Seat.objects.filter(user=workers[0]).exists()
        # The ended session is signed out at its next request; the seat is free now.
        assert worker_client.get("/fr/dashboard/").status_code == 302
        assert signed_in(sign_in(workers[1])[0])
        assert AuditEvent.objects.filter(verb="seat.ended").count() == 1

    def test_a_manager_cannot_end_their_own_session_here(self):
        group, manager, workers = provider(seats=2, members=0)
        client, _ = sign_in(manager)
        seat = Seat.objects.get(user=manager)
        client.post(f"/fr/me/seats/{group.pk}/{seat.pk}/end/")
        assert Seat.objects.filter(pk=seat.pk).exists()

    def test_a_worker_may_not_see_or_end_sessions(self):
        group, manager, workers = provider(seats=3, members=2)
        sign_in(manager)
        client, _ = sign_in(workers[0])
        assert client.get(f"/fr/me/seats/{group.pk}/").status_code == 403
        seat = Seat.objects.get(user=manager)
        assert client.post(f"/fr/me/seats/{group.pk}/{seat.pk}/end/").status_code == 403
        assert client.get(f"/fr/me/seats/{group.pk}/{seat.pk}/end/").status_code == 405
        assert Seat.objects.filter(pk=seat.pk).exists()

    def test_another_organisations_manager_gets_404(self):
        group, manager, workers = provider(seats=3, members=1)
        sign_in(workers[0])
        other = GroupFactory(service="casework")
        outsider = UserFactory()
        make_member(outsider, other, ["manager"])
        client, _ = sign_in(outsider)
        seat = Seat.objects.get(user=workers[0])
        assert client.get(f"/fr/me/seats/{group.pk}/").status_code == 404
        assert client.post(f"/fr/me/seats/{other.pk}/{seat.pk}/end/").status_code == 404
        assert Seat.objects.filter(pk=seat.pk).exists()


def _session_key() -> str:
    store = SessionStore()
    store.create()
    assert store.session_key
    return store.session_key


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_two_sign_ins_for_the_last_seat_at_once_one_wins(attempt):
    group, manager, workers = provider(seats=2, members=3)
    seat_take(user=workers[0], session_key=_session_key())
    keys = [_session_key(), _session_key()]
    results = run_concurrently(
        lambda: seat_take(user=workers[1], session_key=keys[0]),
        lambda: seat_take(user=workers[2], session_key=keys[1]),
        refused=(SeatsFull,),
    )
    assert sorted("refused" if isinstance(r, SeatsFull) else "done" for r in results) == [
        "done",
        "refused",
    ]
    assert Seat.objects.filter(organisation=group.organisation).count() == 2


@pytest.mark.django_db
def test_the_providers_seat_count_feeds_the_limit():
    from accounts.models import SeatLimit
    from casework.registry import services as registry

    ministry = UserFactory(staff_role="ministry")
    provider = registry.provider_create(actor=ministry, legal_name="Emplois Sud", seats=4)
    assert SeatLimit.objects.get(organisation=provider.group.organisation).seats == 4
    registry.provider_set_seats(provider=provider, seats=2, actor=ministry)
    assert SeatLimit.objects.get(organisation=provider.group.organisation).seats == 2
