from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("Summer jobs casework")

    def ready(self) -> None:
        from portal.service_registry import Service, register_service

        register_service(
            Service(
                key="casework",
                name=_("Summer Jobs Service"),
                description=_("Service providers manage clients, employers and service plans."),
                # Nobody takes part yet: the service's pages come with its issue.
                participates=lambda user: False,
                order=50,
                staff_role="ministry",
            )
        )
