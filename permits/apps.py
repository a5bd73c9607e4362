from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _participation(user_id):
    """An active member of a contractor account's group (portal.service_registry runs it)."""
    from portal.models import Membership

    return Membership.objects.filter(
        user_id=user_id, status=Membership.Status.ACTIVE, group__service="permits"
    )


class PermitsConfig(AppConfig):
    name = "permits"
    verbose_name = _("Building permits")

    def ready(self) -> None:
        from permits import work  # its kinds of work in the offices' console

        work.register()
        from permits import roles  # noqa: F401  (registers the permits roles)
        from permits.models import Application
        from portal import files
        from portal.audit_labels import register_states, register_verbs
        from portal.service_registry import Service, register_service

        register_service(
            Service(
                key="permits",
                name=_("Building permits"),
                description=_(
                    "Professional and contractor accounts, shared with colleagues through a PIN."
                ),
                participation=_participation,
                url_name="permits:contractors",
                order=40,
                staff_role="city",
            )
        )
        files.register_access(Application, _may_read_documents)
        register_verbs(
            {
                "contractor.registered": _("registered the contractor account"),
                "contractor.claimed": _("claimed the imported account with its PIN"),
                "contractor.updated": _("changed the details"),
                "contractor.banking_updated": _("changed the banking information"),
                "contractor.pin_regenerated": _("generated a new PIN"),
                "contractor.template_saved": _("saved an application template"),
                "contractor.template_deleted": _("deleted an application template"),
                "application.submitted": _("submitted the application"),
                "application.status_changed": _("changed the status"),
                "application.document_added": _("added a document"),
                "application.fee_paid": _("paid a fee"),
                "application.inspection_requested": _("requested an inspection"),
            }
        )
        register_states(
            {
                "submitted": _("submitted"),
                "in_review": _("in review"),
                "issued": _("permit issued"),
                "closed": _("closed"),
            }
        )


def _may_read_documents(user, application) -> bool:
    """Any person linked to the application's contractor account may read its documents."""
    from portal.models import Membership

    return Membership.objects.filter(
        user=user, group_id=application.account.group_id, status=Membership.Status.ACTIVE
    ).exists()
