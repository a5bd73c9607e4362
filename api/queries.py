from api.models import ApiClient


def group_clients(group):
    """The group's clients, active ones first, newest first (one query)."""
    return (
        ApiClient.objects.filter(group=group)
        .select_related("created_by", "revoked_by")
        .order_by("revoked_at", "-created_at", "-pk")
    )
