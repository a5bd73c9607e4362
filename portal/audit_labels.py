"""Human words for the history panel: what each audit verb and state means, per app."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from portal.roles import find_role  # roles appear as states in role changes

_verbs: dict[str, str | Promise] = {}
_states: dict[str, str | Promise] = {}


def register_verbs(labels: dict[str, str | Promise]) -> None:
    _verbs.update(labels)


def register_states(labels: dict[str, str | Promise]) -> None:
    _states.update(labels)


def verb_label(verb: str) -> str:
    return str(_verbs.get(verb, verb))


def state_label(state: str) -> str:
    if "," in state:
        return ", ".join(state_label(part) for part in state.split(","))
    role = find_role(state)
    if role is not None:
        return str(role.label)
    return str(_states.get(state, state))


register_verbs(
    {
        "membership.requested": _("asked to join"),
        "membership.approved": _("approved the membership"),
        "membership.refused": _("refused the membership"),
        "membership.roles_changed": _("changed the roles"),
        "membership.removed": _("removed a member"),
        "membership.left": _("left the group"),
        "membership.joined_by_code": _("joined with a code"),
        "group.requested": _("asked for the group"),
        "group.approved": _("approved the group"),
        "group.refused": _("refused the group"),
        "group.details_changed": _("changed the group's details"),
        "organisation.requested": _("asked for the organisation"),
        "organisation.resubmitted": _("sent the request again"),
        "organisation.active": _("opened the organisation"),
        "organisation.refused": _("refused the organisation"),
        "review.approve": _("approved the request"),
        "review.request_changes": _("asked for changes"),
        "review.refuse": _("refused the request"),
        "account.deactivated": _("deactivated the account"),
    }
)
register_states(
    {
        "requested": _("requested"),
        "active": _("active"),
        "refused": _("refused"),
        "removed": _("removed"),
        "pending": _("awaiting approval"),
        "open": _("waiting"),
        "approved": _("approved"),
        "changes_requested": _("changes requested"),
        "inactive": _("inactive"),
    }
)
