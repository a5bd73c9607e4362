from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from accounts import signals  # noqa: F401  (sign-in logging and session start)
        from portal.audit_labels import register_verbs

        register_verbs({"seat.ended": _("Session ended by a manager (seat freed)")})
