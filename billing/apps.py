from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = _("Billing")

    def ready(self) -> None:
        from billing import (
            checks,  # noqa: F401 - registers the deploy check
            work,  # its kinds of work in the offices' console
        )

        work.register()
