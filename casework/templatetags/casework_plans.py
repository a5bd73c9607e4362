"""The client's SJS plans panel, included in the registry's client pages (one query)."""

from django import template

from casework.plans.models import ServicePlan
from casework.plans.queries import client_plans
from casework.registry.queries import registration_missing
from casework.roles import PLANS

register = template.Library()


@register.inclusion_tag("casework/plans/_client_panel.html")
def client_plans_panel(group, client, perms):
    plans = client_plans(client)
    active = next((plan for plan in plans if plan.state == ServicePlan.State.ACTIVE), None)
    may_plan = PLANS in perms
    return {
        "group": group,
        "client": client,
        "may_plan": may_plan,
        "active": active,
        # No plan before the registration is complete (S3): say what is missing instead.
        "missing": registration_missing(client) if may_plan and active is None else [],
        "serves": True,  # the panel is on the full file
        # Only the group's own plans are listed: another provider's plan shows as "where".
        "own_plans": [plan for plan in plans if plan.group_id == group.pk],
    }
