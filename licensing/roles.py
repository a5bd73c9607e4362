"""Roles of a company's group in the licensing service (L1). The principal manager (core)
holds all of these."""

from django.utils.translation import gettext_lazy as _

from portal.roles import Role, register_permission, register_role

BUY = register_permission("licensing_buy", _("Buy licences"))
VIEW_CODES = register_permission(
    "licensing_view_codes", _("See and manage the licence codes and employees' progress")
)
VIEW_TRANSACTIONS = register_permission(
    "licensing_view_transactions", _("See transactions and receive invoice copies")
)

REPRESENTATIVE = register_role(
    Role(
        "licensing.representative",
        _("Company representative"),
        frozenset({BUY, VIEW_CODES, VIEW_TRANSACTIONS}),
        service="licensing",
        description=_("Buys licences, hands out the codes and follows employees' progress."),
    )
)
FINANCE = register_role(
    Role(
        "licensing.finance",
        _("Finance manager"),
        frozenset({BUY, VIEW_TRANSACTIONS}),
        service="licensing",
        description=_("Buys licences, sees transactions and receives invoice copies."),
    )
)
CODES = register_role(
    Role(
        "licensing.codes",
        _("Licence coordinator"),
        frozenset({VIEW_CODES}),
        service="licensing",
        description=_("Hands out the codes and follows employees' progress."),
    )
)
