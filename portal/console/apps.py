from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsoleConfig(AppConfig):
    """The offices' back office (issue 20): one work queue across the five services."""

    name = "portal.console"
    label = "console"
    verbose_name = _("Offices' console")

    def ready(self) -> None:
        from portal.audit_labels import register_states, register_verbs
        from portal.console import signals

        signals.connect()
        register_verbs(
            {
                "work.taken": _("took the item"),
                "work.given": _("gave the item to a colleague"),
                "work.released": _("released the item"),
                "work.deadline": _("changed the deadline"),
                "staff.office_set": _("changed an office role"),
            }
        )
        register_states({"reviewer": _("Reviewer"), "supervisor": _("Supervisor")})
