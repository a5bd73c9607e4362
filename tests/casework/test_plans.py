"""S5 SJS service plans: goal, sub-goal, service point, placements with registered employers
that have this year's form; one active plan per client across providers (DB), race included."""

import datetime

import pytest
from django.utils import timezone

from casework.errors import CaseworkError
from casework.models import ClientProvider, ObjectiveType, PlanObjective, ServicePlan
from casework.plans import services as plans
from casework.registry import services as registry
from tests.casework.conftest import Providers
from tests.casework.plan_helpers import (
    employer_with_form,
    goal_and_sub_goal,
    open_plan,
    placement_fields,
    placement_type,
    ready_client,
)
from tests.utils import run_concurrently


@pytest.fixture(autouse=True)
def _english():
    """Services speak the active language; these tests read their English messages."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.mark.django_db
class TestOpen:
    def test_open_gives_the_provider_full_access(self, providers):
        p = providers
        client = ready_client(p.b, p.worker_b)  # registered by B
        plan = open_plan(p.a, p.point_a, p.worker_a, client)
        assert plan.state == "active" and plan.group == p.a.group
        assert ClientProvider.objects.filter(client=client, group=p.a.group).exists()
        assert registry.client_full_access(p.worker_a, client)
        assert plans.active_plan_summary(client) == f"{p.a.group.organisation}, {p.point_a.name}"
        assert registry.active_plans_for([client.pk]) == {
            client.pk: f"{p.a.group.organisation}, {p.point_a.name}"
        }

    def test_a_second_active_plan_is_refused_with_where_to_turn(self, providers):
        p = providers
        client = ready_client(p.a, p.worker_a)
        open_plan(p.a, p.point_a, p.worker_a, client)
        with pytest.raises(CaseworkError) as error:
            open_plan(p.b, p.point_b, p.worker_b, client)
        assert str(p.a.group.organisation) in str(error.value.message)
        assert p.point_a.name in str(error.value.message)
        assert ServicePlan.objects.filter(client=client).count() == 1

    def test_the_database_refuses_two_active_plans_whatever_the_code(self, providers):
        from django.db import IntegrityError, transaction

        p = providers
        client = ready_client(p.a, p.worker_a)
        plan = open_plan(p.a, p.point_a, p.worker_a, client)
        goal, sub_goal = goal_and_sub_goal()
        with pytest.raises(IntegrityError), transaction.atomic():
            ServicePlan.objects.create(
                client=client,
                group=p.b.group,
                service_point=p.point_b,
                goal=goal,
                sub_goal=sub_goal,
                start_date=plan.start_date,
            )

    def test_a_service_point_of_another_provider_is_refused(self, providers):
        p = providers
        client = ready_client(p.a, p.worker_a)
        with pytest.raises(CaseworkError):
            open_plan(p.a, p.point_b, p.worker_a, client)
        assert not ServicePlan.objects.exists()

    def test_no_plan_without_income_source(self, providers):
        from tests.casework.helpers import make_client

        p = providers
        client = make_client(p.a, p.worker_a)
        with pytest.raises(CaseworkError, match="income source"):
            open_plan(p.a, p.point_a, p.worker_a, client)

    def test_after_closing_a_new_plan_may_open(self, providers):
        p = providers
        client = ready_client(p.a, p.worker_a)
        plan = open_plan(p.a, p.point_a, p.worker_a, client)
        plans.plan_close(plan=plan, reason="opened_in_error", actor=p.worker_a)
        assert open_plan(p.b, p.point_b, p.worker_b, client).state == "active"


@pytest.mark.django_db
class TestObjectives:
    def test_two_placements_each_saved_before_the_next(self, providers):
        p = providers
        client = ready_client(p.a, p.worker_a)
        employer = employer_with_form(p.a, p.worker_a)
        plan = open_plan(p.a, p.point_a, p.worker_a, client)
        first = plans.objective_add(plan=plan, type=placement_type(), actor=p.worker_a)
        with pytest.raises(CaseworkError, match="Save"):
            plans.objective_add(plan=plan, type=placement_type(), actor=p.worker_a)
        # Another type may be started meanwhile.
        plans.objective_add(
            plan=plan, type=ObjectiveType.objects.get(code="job_search"), actor=p.worker_a
        )
        plans.objective_save(objective=first, actor=p.worker_a, fields=placement_fields(employer))
        second = plans.objective_add(plan=plan, type=placement_type(), actor=p.worker_a)
        plans.objective_save(objective=second, actor=p.worker_a, fields=placement_fields(employer))
        saved = PlanObjective.objects.filter(plan=plan, state="saved", type__is_placement=True)
        assert saved.count() == 2

    def test_a_placement_with_an_employer_lacking_this_years_form_is_refused(self, providers):
        p = providers
        client = ready_client(p.a, p.worker_a)
        last_year = timezone.localdate().year - 1
        employer = employer_with_form(p.a, p.worker_a, year=last_year)
        plan = open_plan(p.a, p.point_a, p.worker_a, client)
        objective = plans.objective_add(plan=plan, type=placement_type(), actor=p.worker_a)
        with pytest.raises(CaseworkError, match=str(timezone.localdate().year)):
            plans.objective_save(
                objective=objective, actor=p.worker_a, fields=placement_fields(employer)
            )
        objective.refresh_from_db()
        assert objective.state == "draft" and objective.employer is None

    def test_no_objective_on_a_closed_plan(self, providers):
        p = providers
        client = ready_client(p.a, p.worker_a)
        plan = open_plan(p.a, p.point_a, p.worker_a, client)
        plans.plan_close(plan=plan, reason="client_request", actor=p.worker_a)
        with pytest.raises(CaseworkError):
            plans.objective_add(plan=plan, type=placement_type(), actor=p.worker_a)


@pytest.mark.django_db
def test_merge_moves_plans_to_the_kept_record(providers):
    from casework.models import DuplicateSuspicion

    p = providers
    kept = ready_client(p.a, p.worker_a)
    other = ready_client(p.a, p.worker_a, first_name="Emily", birth_date=datetime.date(2008, 5, 15))
    plan = open_plan(p.a, p.point_a, p.worker_a, other)
    suspicion = DuplicateSuspicion.objects.create(client=other, similar_to=kept, reason="same")
    registry.clients_merge(suspicion=suspicion, keep=kept, actor=p.ministry)
    plan.refresh_from_db()
    assert plan.client == kept


@pytest.mark.django_db
def test_merge_refused_when_both_records_have_an_active_plan(providers):
    from casework.models import DuplicateSuspicion

    p = providers
    kept = ready_client(p.a, p.worker_a)
    other = ready_client(p.b, p.worker_b, first_name="Emily", birth_date=datetime.date(2008, 5, 15))
    open_plan(p.a, p.point_a, p.worker_a, kept)
    open_plan(p.b, p.point_b, p.worker_b, other)
    suspicion = DuplicateSuspicion.objects.create(client=other, similar_to=kept, reason="same")
    with pytest.raises(CaseworkError):
        registry.clients_merge(suspicion=suspicion, keep=kept, actor=p.ministry)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_two_providers_opening_a_plan_for_one_client_at_once_one_wins(attempt):
    p = Providers()
    client = ready_client(p.a, p.worker_a)
    results = run_concurrently(
        lambda: open_plan(p.a, p.point_a, p.worker_a, client),
        lambda: open_plan(p.b, p.point_b, p.worker_b, client),
        refused=(CaseworkError,),
    )
    outcomes = sorted("refused" if isinstance(r, CaseworkError) else "done" for r in results)
    assert outcomes == ["done", "refused"]
    assert ServicePlan.objects.filter(client=client, state="active").count() == 1
    refusal = next(r for r in results if isinstance(r, CaseworkError))
    winner = ServicePlan.objects.select_related("group__organisation").get(client=client)
    assert str(winner.group.organisation) in str(refusal.message)  # says where to turn


def text(response) -> str:
    import html

    return html.unescape(response.content.decode())


@pytest.mark.django_db
class TestPages:
    def test_open_a_plan_then_two_placements_through_the_pages(self, providers, client):
        p = providers
        person = ready_client(p.a, p.worker_a)
        employer = employer_with_form(p.a, p.worker_a, business_number="987 654 321")
        goal, sub_goal = goal_and_sub_goal()
        client.force_login(p.worker_a)
        g = p.a.group.pk
        new = f"/en/casework/p/{g}/clients/{person.pk}/plans/new/"
        page = client.get(new).content.decode()
        assert p.point_a.name in page and p.point_b.name not in page
        response = client.post(
            new,
            {
                "service_point": p.point_a.pk,
                "goal": goal.pk,
                "sub_goal": sub_goal.pk,
                "start_date": timezone.localdate().isoformat(),
            },
        )
        plan = ServicePlan.objects.get(client=person)
        assert response["Location"] == f"/en/casework/p/{g}/plans/{plan.pk}/"
        today = timezone.localdate()
        for _ in range(2):
            response = client.post(
                f"/en/casework/p/{g}/plans/{plan.pk}/objectives/add/", {"type": placement_type().pk}
            )
            edit = response["Location"]
            response = client.post(
                edit,
                {
                    "employer": employer.pk,
                    "position": "Camp counsellor",
                    "start_date": today.isoformat(),
                    "end_date": (today + datetime.timedelta(days=50)).isoformat(),
                    "hours_per_week": "30",
                },
            )
            assert response.status_code == 302
        assert plan.objectives.filter(state="saved", employer=employer).count() == 2
        detail = client.get(f"/en/casework/p/{g}/plans/{plan.pk}/").content.decode()
        assert detail.count("Camp counsellor") == 2

    def test_a_plan_without_service_point_is_refused_in_french(self, providers, client):
        p = providers
        person = ready_client(p.a, p.worker_a)
        goal, sub_goal = goal_and_sub_goal()
        client.force_login(p.worker_a)
        new = f"/fr/casework/p/{p.a.group.pk}/clients/{person.pk}/plans/new/"
        data = {"goal": goal.pk, "sub_goal": sub_goal.pk, "start_date": "2026-06-01"}
        response = client.post(new, data)
        assert response.status_code == 200
        assert "Ce champ est obligatoire." in response.content.decode()
        # Another provider's service point is not a choice either.
        response = client.post(new, {**data, "service_point": p.point_b.pk})
        assert response.status_code == 200
        assert not ServicePlan.objects.exists()

    def test_unknown_employer_and_missing_year_form_are_refused_on_the_page(
        self, providers, client
    ):
        p = providers
        person = ready_client(p.a, p.worker_a)
        employer = employer_with_form(p.a, p.worker_a, year=timezone.localdate().year - 1)
        plan = open_plan(p.a, p.point_a, p.worker_a, person)
        objective = plans.objective_add(plan=plan, type=placement_type(), actor=p.worker_a)
        client.force_login(p.worker_a)
        url = f"/fr/casework/p/{p.a.group.pk}/plans/{plan.pk}/objectives/{objective.pk}/"
        today = timezone.localdate()
        data = {
            "position": "Cashier",
            "start_date": today.isoformat(),
            "end_date": today.isoformat(),
            "hours_per_week": "20",
        }
        response = client.post(url, {**data, "employer": "999999"})
        assert "Cet employeur n’est pas dans le registre" in text(response)
        response = client.post(url, data)
        assert "Choisissez l’employeur dans le registre." in text(response)
        response = client.post(url, {**data, "employer": employer.pk})
        assert "n’a pas de formulaire de l’employeur du SEE pour" in text(response)
        objective.refresh_from_db()
        assert objective.state == "draft"

    def test_adding_a_second_unsaved_objective_of_a_type_says_why(self, providers, client):
        p = providers
        plan = open_plan(p.a, p.point_a, p.worker_a, ready_client(p.a, p.worker_a))
        client.force_login(p.worker_a)
        url = f"/en/casework/p/{p.a.group.pk}/plans/{plan.pk}/objectives/add/"
        client.post(url, {"type": placement_type().pk})
        response = client.post(url, {"type": placement_type().pk}, follow=True)
        assert "before adding another one" in response.content.decode()
        assert plan.objectives.count() == 1

    def test_the_client_file_offers_to_open_a_plan_and_shows_it(self, providers, client):
        p = providers
        person = ready_client(p.a, p.worker_a)
        client.force_login(p.worker_a)
        url = f"/en/casework/p/{p.a.group.pk}/clients/{person.pk}/"
        assert "Open an SJS plan" in client.get(url).content.decode()
        open_plan(p.a, p.point_a, p.worker_a, person)
        page = client.get(url).content.decode()
        assert p.point_a.name in page and "Open an SJS plan" not in page

    def test_without_the_plans_permission_no_plan_pages(self, providers, client):
        from tests.casework.helpers import make_worker

        p = providers
        reader = make_worker(p.a, roles=())
        client.force_login(reader)
        assert client.get(f"/en/casework/p/{p.a.group.pk}/plans/").status_code == 403
