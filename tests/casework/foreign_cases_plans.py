"""Plans URLs for the foreign-user walk. The victim is a casework provider of Acme's
organisation with a plan, an objective and a closure request; the outsider manages another
provider (so the check is the scoping, not only the membership)."""

from tests.foreign_walk import Case

PUBLIC = {
    "casework:ministry_report": "ministry only (404 for everyone else)",
    "casework:ministry_report_csv": "ministry only (404 for everyone else)",
}


def setup(world) -> None:
    from portal.models import Group

    if not isinstance(world.acme, Group) or hasattr(world, "plans_victim"):
        return
    from casework.plans import services as plans
    from tests.casework.helpers import make_provider, make_worker, pdf
    from tests.casework.plan_helpers import open_plan, placement_type, ready_client

    victim, point = make_provider("Victim Services", eo_id="EO-V001")
    outsider, outsider_point = make_provider("Outsider Services", eo_id="EO-O001")
    worker = make_worker(victim)
    world.plans_outsider = make_worker(outsider, roles=("casework.provider_manager",))
    client = ready_client(victim, worker, first_name="Victor", last_name="Victime")
    plan = open_plan(victim, point, worker, client)
    world.plans_objective = plans.objective_add(plan=plan, type=placement_type(), actor=worker)
    third, _third_point = make_provider("Third Services", eo_id="EO-T001")
    world.plans_request = plans.closure_request_create(
        plan=plan,
        requester_group=third.group,
        actor=make_worker(third),
        consent_upload=pdf(),
        consent_signed_on=plan.start_date,
    )
    world.plans_victim, world.plans_plan, world.plans_client = victim, plan, client
    world.plans_outsider_group = outsider.group


def cases(world) -> list[Case]:
    setup(world)
    w = world
    victim = w.plans_victim.group if hasattr(w.plans_victim, "group") else w.plans_victim
    own = w.plans_outsider_group
    actor = w.plans_outsider
    plan, objective, request = w.plans_plan, w.plans_objective, w.plans_request
    out: list[Case] = []
    for group in (victim, own):  # the victim's group in the path, then the outsider's own
        g = group.pk
        out += [
            Case("casework:plan_detail", {"group_id": g, "plan_id": plan.pk}, actor),
            Case("casework:plan_close", {"group_id": g, "plan_id": plan.pk}, actor),
            Case("casework:objective_add", {"group_id": g, "plan_id": plan.pk}, actor),
            Case(
                "casework:objective_edit",
                {"group_id": g, "plan_id": plan.pk, "objective_id": objective.pk},
                actor,
            ),
            Case(
                "casework:objective_discard",
                {"group_id": g, "plan_id": plan.pk, "objective_id": objective.pk},
                actor,
            ),
            Case(
                "casework:closure_request_decide",
                {"group_id": g, "request_id": request.pk},
                actor,
            ),
        ]
    v = victim.pk
    out += [
        Case("casework:plan_list", {"group_id": v}, actor),
        Case("casework:plan_new", {"group_id": v, "client_id": w.plans_client.pk}, actor),
        Case(
            "casework:closure_request_new", {"group_id": v, "client_id": w.plans_client.pk}, actor
        ),
        Case("casework:closure_queue", {"group_id": v}, actor),
        # The placement's employer search (htmx): the path's provider must be the user's.
        Case("casework:placement_employers", {"group_id": v}, actor),
        Case("casework:report", {"group_id": v}, actor),
        Case("casework:report_csv", {"group_id": v}, actor),
    ]
    return out
