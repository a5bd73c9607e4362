"""Permits roles (P3): one role per tick-box of "Linked accounts", each holding one
permission. "Manage" is the core's manager role, which implies all of them."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.roles import Role, register_permission, register_role

SUBMIT = register_permission("permits_submit", _("Submit permit applications"))
PAY = register_permission("permits_pay", _("Manage payment accounts and pay fees"))
INSPECTIONS = register_permission("permits_inspections", _("Request inspections"))
UPLOAD = register_permission("permits_upload", _("Upload documents to applications"))
TEMPLATES = register_permission("permits_templates", _("Manage application templates"))

SUBMIT_ROLE = register_role(
    Role(
        "permits.submit",
        pgettext_lazy("permits role", "Submit"),
        frozenset({SUBMIT}),
        service="permits",
        description=_("Submits permit applications and talks with city staff about their review."),
    )
)
PAY_ROLE = register_role(
    Role(
        "permits.pay",
        pgettext_lazy("permits role", "Pay"),
        frozenset({PAY}),
        service="permits",
        description=_("Manages payment accounts and pays fees."),
    )
)
INSPECTIONS_ROLE = register_role(
    Role(
        "permits.inspections",
        pgettext_lazy("permits role", "Inspections"),
        frozenset({INSPECTIONS}),
        service="permits",
        description=_("Requests inspections."),
    )
)
UPLOAD_ROLE = register_role(
    Role(
        "permits.upload",
        pgettext_lazy("permits role", "Upload files"),
        frozenset({UPLOAD}),
        service="permits",
        description=_("Adds documents to permit applications."),
    )
)
TEMPLATES_ROLE = register_role(
    Role(
        "permits.templates",
        pgettext_lazy("permits role", "Manage templates"),
        frozenset({TEMPLATES}),
        service="permits",
        description=_("Creates and deletes reusable application templates."),
    )
)

MANAGE_LABEL = pgettext_lazy("permits role", "Manage")

# The columns of "Linked accounts", in the seed's order (after Manage).
PERMISSION_ROLES = [SUBMIT_ROLE, PAY_ROLE, INSPECTIONS_ROLE, UPLOAD_ROLE, TEMPLATES_ROLE]
