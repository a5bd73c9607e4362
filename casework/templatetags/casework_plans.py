"""The client's SJS plans panel, included in the registry's client pages (one query)."""

from django import template

from casework.models import ServicePlan
from casework.roles import PLANS

register = template.Library()


@register.inclusion_tag("casework/plans/_client_panel.html")
def client_plans_panel(group, client, perms):
    plans = list(
        ServicePlan.objects.filter(client=client)
        .select_related("group__organisation", "service_point")
        .order_by("-start_date", "-pk")
    )
    active = next((plan for plan in plans if plan.state == ServicePlan.State.ACTIVE), None)
    return {
        "group": group,
        "client": client,
        "may_plan": PLANS in perms,
        "active": active,
        # Only the group's own plans are listed: another provider's plan shows as "where".
        "own_plans": [plan for plan in plans if plan.group_id == group.pk],
    }
