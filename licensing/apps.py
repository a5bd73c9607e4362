from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LicensingConfig(AppConfig):
    name = "licensing"
    verbose_name = _("Supervisor certification licences")

    def ready(self) -> None:
        from portal.service_registry import Service, register_service

        register_service(
            Service(
                key="licensing",
                name=_("Mine supervisor certification"),
                description=_(
                    "Companies buy certification licences in bulk; "
                    "employees apply, get approved and redeem a code."
                ),
                # Nobody takes part yet: the service's pages come with its issue.
                participates=lambda user: False,
                order=30,
                staff_role="certification_office",
            )
        )
