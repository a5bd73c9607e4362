"""Access helpers of the employer pages: fetch and check together, the group in the query."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from jobboard.postings.models import Posting
from portal.access import group_for_member, group_permissions


def group_for_user(user, group_id: int, permission: str | None = None):
    """The job board group (404 unless an active member) and the user's permissions."""
    group, _membership = group_for_member(user, group_id)
    if group.service != "jobboard":
        raise Http404
    perms = group_permissions(user, group)
    if permission and permission not in perms:
        raise PermissionDenied
    return group, perms


def posting_in_group(group, posting_id: int) -> Posting:
    return get_object_or_404(
        Posting.objects.select_related(
            "function_type", "group__organisation", "group__employer_profile"
        ),
        pk=posting_id,
        group=group,
    )
