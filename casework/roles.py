"""Casework roles: the case worker, and the provider manager (the organisation's system
specialist, Q14) who also manages users and seats. The core's manager role implies all."""

from django.utils.translation import gettext_lazy as _

from portal.roles import MANAGE_GROUP, Role, register_permission, register_role

CLIENTS = register_permission("casework_clients", _("Search, register and update clients"))
EMPLOYERS = register_permission(
    "casework_employers", _("Search and register employers and their yearly forms")
)
PLANS = register_permission("casework_plans", _("Open, update and close SJS service plans"))
REPORTS = register_permission("casework_reports", _("See the provider's reports"))
SESSIONS = register_permission(
    "casework_sessions", _("See who uses the seats and end other users' sessions")
)

CASE_WORKER = register_role(
    Role(
        "casework.case_worker",
        _("Case worker"),
        frozenset({CLIENTS, EMPLOYERS, PLANS}),
        service="casework",
        description=_("Registers clients and employers and manages service plans."),
    )
)
PROVIDER_MANAGER = register_role(
    Role(
        "casework.provider_manager",
        _("Provider manager"),
        frozenset({CLIENTS, EMPLOYERS, PLANS, REPORTS, SESSIONS, MANAGE_GROUP}),
        service="casework",
        description=_(
            "The organisation's system specialist: manages users and seats, sees reports, "
            "and may do everything a case worker does."
        ),
    )
)
