"""Job board roles (J3), written as one declared matrix that tests walk row by row.

The principal manager is the core's manager role: it holds every permission below plus the
core's `portal_manage_group` (approve/refuse members, assign roles, edit company info).
Editing one's own profile needs no permission. Regulator staff may also cancel any posting
and edit a posting under validation (checked by staff role, not by these permissions).
"""

from django.utils.translation import gettext_lazy as _

from portal.roles import MANAGE_GROUP, MANAGER, Role, register_permission, register_role

VIEW_DASHBOARD = register_permission(
    "jobboard_view_dashboard", _("See the dashboard and performance figures")
)
# Create, edit, submit and duplicate postings; apply credits; cancel a posting "to revise";
# end a publication.
MANAGE_POSTINGS = register_permission(
    "jobboard_manage_postings", _("Create, edit, submit and end job postings")
)
CANCEL_IN_VALIDATION = register_permission(
    "jobboard_cancel_in_validation", _("Cancel a posting that is in validation")
)
BUY = register_permission("jobboard_buy", _("Buy packages and boosts"))
VIEW_TRANSACTIONS = register_permission(
    "jobboard_view_transactions", _("See the transaction history and invoices")
)
INVOICE_COPY = register_permission(
    "jobboard_invoice_copy", _("Receive a copy of every invoice (if switched on)")
)

POSTING_MANAGER = register_role(
    Role(
        "jobboard.posting_manager",
        _("Posting manager"),
        frozenset({VIEW_DASHBOARD, MANAGE_POSTINGS, BUY}),
        service="jobboard",
        description=_("Creates, submits and follows the group's job postings; buys packages."),
    )
)
FINANCE_MANAGER = register_role(
    Role(
        "jobboard.finance_manager",
        _("Finance manager"),
        frozenset({BUY, VIEW_TRANSACTIONS, INVOICE_COPY}),
        service="jobboard",
        description=_("Buys packages and boosts, sees transactions and receives invoices."),
    )
)

# The seed's permission sheet: permission -> roles that hold it (J3). Tests walk each row.
MATRIX: dict[str, frozenset[str]] = {
    MANAGE_GROUP: frozenset({MANAGER}),
    VIEW_DASHBOARD: frozenset({MANAGER, POSTING_MANAGER.key}),
    MANAGE_POSTINGS: frozenset({MANAGER, POSTING_MANAGER.key}),
    CANCEL_IN_VALIDATION: frozenset({MANAGER}),
    BUY: frozenset({MANAGER, POSTING_MANAGER.key, FINANCE_MANAGER.key}),
    VIEW_TRANSACTIONS: frozenset({MANAGER, FINANCE_MANAGER.key}),
    INVOICE_COPY: frozenset({MANAGER, FINANCE_MANAGER.key}),
}
