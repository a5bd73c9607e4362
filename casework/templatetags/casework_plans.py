"""The client's SJS plans panel, included in the registry's client pages (one query)."""

from django import template

from casework.plans.models import ServicePlan
from casework.plans.queries import client_plans
from casework.roles import PLANS

register = template.Library()


@register.inclusion_tag("casework/plans/_client_panel.html")
def client_plans_panel(group, client, perms):
    plans = client_plans(client)
    active = next((plan for plan in plans if plan.state == ServicePlan.State.ACTIVE), None)
    return {
        "group": group,
        "client": client,
        "may_plan": PLANS in perms,
        "active": active,
        # Only the group's own plans are listed: another provider's plan shows as "where".
        "own_plans": [plan for plan in plans if plan.group_id == group.pk],
    }
