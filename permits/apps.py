from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PermitsConfig(AppConfig):
    name = "permits"
    verbose_name = _("Building permits")

    def ready(self) -> None:
        from portal.service_registry import Service, register_service

        register_service(
            Service(
                key="permits",
                name=_("Building permits"),
                description=_(
                    "Professional and contractor accounts, shared with colleagues through a PIN."
                ),
                # Nobody takes part yet: the service's pages come with its issue.
                participates=lambda user: False,
                order=40,
                staff_role="city",
            )
        )
