"""Item 11 of issue 17: the access log keeps one line per person, client, organisation and
hour (a visit) with its page count, not one line per page of the registration steps."""

import datetime

import pytest

from casework.models import ClientAccess, DuplicateSuspicion
from casework.registry import services as registry
from tests.casework.conftest import Providers
from tests.casework.helpers import make_client
from tests.utils import run_concurrently

STEPS = ["", "details/", "education/", "employment/", "income/", "consent/", ""]


@pytest.mark.django_db
def test_the_registration_steps_make_one_line_with_their_page_count(providers, client):
    p = providers
    person = make_client(p.a, p.worker_a)
    client.force_login(p.worker_a)
    for step in STEPS:
        url = f"/en/casework/p/{p.a.group.pk}/clients/{person.pk}/{step}"
        assert client.get(url).status_code == 200
    (visit,) = ClientAccess.objects.all()
    assert (visit.user, visit.group, visit.views) == (p.worker_a, p.a.group, len(STEPS))
    assert visit.last_at >= visit.at
    client.force_login(p.ministry)
    log = client.get("/fr/casework/ministry/access-log/").content.decode()
    assert log.count(f"/casework/ministry/clients/{person.pk}/") == 1
    assert f'<td class="text-end">{len(STEPS)}</td>' in log
    assert ClientAccess.objects.count() == 1  # the log page is not a view of a file


@pytest.mark.django_db
def test_another_person_client_organisation_or_hour_is_another_line(providers):
    p = providers
    person = make_client(p.a, p.worker_a)
    other = make_client(p.a, p.worker_a, first_name="Zoé", last_name="Lavoie")
    registry.client_serve(client=person, group=p.b.group, actor=p.worker_b)
    registry.client_access_log(user=p.worker_a, client=person, group=p.a.group)
    registry.client_access_log(user=p.worker_a, client=person, group=p.a.group)
    registry.client_access_log(user=p.worker_a, client=other, group=p.a.group)
    registry.client_access_log(user=p.worker_b, client=person, group=p.b.group)
    registry.client_access_log(user=p.ministry, client=person, group=None)
    registry.client_access_log(user=p.ministry, client=person, group=None)
    views = sorted(ClientAccess.objects.values_list("views", flat=True))
    assert views == [1, 1, 2, 2]
    # An hour later, the same person on the same file starts a new visit.
    ClientAccess.objects.update(hour=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    registry.client_access_log(user=p.worker_a, client=person, group=p.a.group)
    assert ClientAccess.objects.count() == 5


@pytest.mark.django_db
def test_a_merge_folds_the_same_visit_of_both_records(providers):
    p = providers
    kept = make_client(p.a, p.worker_a)
    merged = make_client(p.a, p.worker_a, first_name="Emily", birth_date=datetime.date(2008, 5, 15))
    for person in (kept, merged, merged):
        registry.client_access_log(user=p.worker_a, client=person, group=p.a.group)
    registry.client_access_log(user=p.ministry, client=merged, group=None)
    suspicion = DuplicateSuspicion.objects.create(client=merged, similar_to=kept, reason="same")
    registry.clients_merge(suspicion=suspicion, keep=kept, actor=p.ministry)
    lines = {(a.user_id, a.views) for a in ClientAccess.objects.filter(client=kept)}
    assert lines == {(p.worker_a.pk, 3), (p.ministry.pk, 1)}
    assert not ClientAccess.objects.filter(client=merged).exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(2))
def test_two_pages_at_once_count_on_one_line(attempt):
    p = Providers()
    person = make_client(p.a, p.worker_a)

    def view():
        registry.client_access_log(user=p.worker_a, client=person, group=p.a.group)

    run_concurrently(view, view, view)
    (visit,) = ClientAccess.objects.all()
    assert visit.views == 3
