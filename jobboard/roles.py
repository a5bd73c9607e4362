"""Job board roles (J3). The principal manager is the core's manager role and holds all of
these; the matrix of which status allows which action comes with the postings."""

from django.utils.translation import gettext_lazy as _

from portal.roles import Role, register_permission, register_role

MANAGE_POSTINGS = register_permission(
    "jobboard_manage_postings", _("Create, publish and follow job postings")
)
VIEW_DASHBOARD = register_permission("jobboard_view_dashboard", _("See the group's dashboard"))
BUY = register_permission("jobboard_buy", _("Buy packages and boosts"))
VIEW_TRANSACTIONS = register_permission(
    "jobboard_view_transactions", _("See transactions and receive invoice copies")
)

POSTING_MANAGER = register_role(
    Role(
        "jobboard.posting_manager",
        _("Posting manager"),
        frozenset({MANAGE_POSTINGS, VIEW_DASHBOARD}),
        service="jobboard",
        description=_("Creates, publishes and follows the group's job postings."),
    )
)
FINANCE_MANAGER = register_role(
    Role(
        "jobboard.finance_manager",
        _("Finance manager"),
        frozenset({BUY, VIEW_TRANSACTIONS}),
        service="jobboard",
        description=_("Buys packages and boosts, sees transactions and receives invoices."),
    )
)
