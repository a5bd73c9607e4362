"""Items 7 and 10 of issue 17: no plan before the registration ends with the consent and the
signed participant form (S3, Q6, Q9): refused by the service, decided by the database when a
withdrawal races the opening, explained once on the pages with links to the missing steps."""

import html
import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone, translation

from casework.errors import CaseworkError
from casework.models import ServicePlan
from casework.registry import services as registry
from tests.casework.conftest import Providers
from tests.casework.plan_helpers import goal_and_sub_goal, open_plan, ready_client


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.django_db
class TestService:
    def test_no_plan_after_the_income_step_before_the_consent(self, providers):
        p = providers
        person = ready_client(p.a, p.worker_a, consent=False)
        with pytest.raises(CaseworkError, match="consent"):
            open_plan(p.a, p.point_a, p.worker_a, person)
        assert not ServicePlan.objects.exists()

    def test_no_plan_on_a_withdrawn_consent(self, providers):
        p = providers
        person = ready_client(p.a, p.worker_a)
        registry.consent_withdraw(consent=person.consents.get(), actor=p.worker_a, note="By phone")
        with pytest.raises(CaseworkError, match="consent"):
            open_plan(p.a, p.point_a, p.worker_a, person)

    def test_the_plan_records_the_consent_it_was_opened_on(self, providers):
        p = providers
        person = ready_client(p.b, p.worker_b)  # another provider's consent is the client's
        plan = open_plan(p.a, p.point_a, p.worker_a, person)
        assert plan.consent == person.consents.get()


def _waiting_on_a_lock(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = %s", [pid]
        )
        row = cursor.fetchone()
    return bool(row and row[0])


@pytest.mark.django_db(transaction=True)
def test_a_withdrawal_racing_the_opening_is_decided_by_the_database():
    """The withdrawal is written but not committed when the plan is opened: the opening
    waits on the consent row, then sees the withdrawal and refuses. Without the row lock it
    read the old row and opened a plan on a withdrawn consent."""
    p = Providers()
    person = ready_client(p.a, p.worker_a)
    goal_and_sub_goal()
    consent = person.consents.get()
    withdrawn, release = threading.Event(), threading.Event()
    opener: dict = {}

    def withdraw():
        try:
            with transaction.atomic():
                registry.consent_withdraw(consent=consent, actor=p.worker_a, note="By phone")
                withdrawn.set()
                release.wait(30)
        finally:
            connection.close()

    def open_():
        try:
            withdrawn.wait(30)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                opener["pid"] = cursor.fetchone()[0]
            try:
                opener["result"] = open_plan(p.a, p.point_a, p.worker_a, person)
            except CaseworkError as error:
                opener["result"] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=withdraw), threading.Thread(target=open_)]
    for thread in threads:
        thread.start()
    # Release the withdrawal once the opening is either done or waiting for the consent row.
    while "result" not in opener and not ("pid" in opener and _waiting_on_a_lock(opener["pid"])):
        threads[1].join(0.01)
    release.set()
    for thread in threads:
        thread.join(30)
    assert isinstance(opener["result"], CaseworkError)
    assert not ServicePlan.objects.exists()


@pytest.mark.django_db
class TestPages:
    def _new(self, p, person, lang="en"):
        return f"/{lang}/casework/p/{p.a.group.pk}/clients/{person.pk}/plans/new/"

    def _data(self, p):
        goal, sub_goal = goal_and_sub_goal()
        return {
            "service_point": p.point_a.pk,
            "goal": goal.pk,
            "sub_goal": sub_goal.pk,
            "start_date": timezone.localdate().isoformat(),
        }

    def test_the_page_says_the_consent_is_missing_and_links_to_that_step(self, providers, client):
        p = providers
        person = ready_client(p.a, p.worker_a, consent=False)
        client.force_login(p.worker_a)
        page = text(client.get(self._new(p, person, "fr")))
        assert "Étape 5" in page
        assert f"/fr/casework/p/{p.a.group.pk}/clients/{person.pk}/consent/" in page
        assert "Ouvrir le plan" not in page  # no form to fill in vain
        response = client.post(self._new(p, person), self._data(p))
        assert response.status_code == 200 and not ServicePlan.objects.exists()
        file = text(client.get(f"/en/casework/p/{p.a.group.pk}/clients/{person.pk}/"))
        assert "Step 5" in file and "Open an SJS plan" not in file

    def test_another_provider_is_sent_to_serve_the_client_first(self, providers, client):
        p = providers
        person = ready_client(p.a, p.worker_a, consent=False)
        client.force_login(p.worker_b)
        url = f"/en/casework/p/{p.b.group.pk}/clients/{person.pk}/plans/new/"
        page = text(client.get(url))
        assert f'href="/en/casework/p/{p.b.group.pk}/clients/{person.pk}/"' in page
        assert "/consent/" not in page  # B may not open A's registration steps yet

    def test_the_income_message_appears_once(self, providers, client):
        """Item 10: it appeared three times (a warning and the same error twice)."""
        from tests.casework.helpers import make_client

        p = providers
        person = make_client(p.a, p.worker_a)
        client.force_login(p.worker_a)
        for response in (
            client.get(self._new(p, person)),
            client.post(self._new(p, person), self._data(p)),
        ):
            assert text(response).lower().count("income source") == 1
        assert not ServicePlan.objects.exists()

    def test_a_refusal_of_the_service_is_shown_once(self, providers, client, monkeypatch):
        from casework.plans import services as plans

        def refuse(**kwargs):
            raise CaseworkError("Another plan was being opened for this client; try again.")

        p = providers
        person = ready_client(p.a, p.worker_a)
        client.force_login(p.worker_a)
        monkeypatch.setattr(plans, "plan_open", refuse)
        response = client.post(self._new(p, person), self._data(p))
        # Once on the form; the error summary at the top of the page repeats it as a link.
        page = text(response)
        assert "There is a problem" in page
        assert page.count("Another plan was being opened") == 2
