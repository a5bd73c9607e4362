from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Operator matching")

    def ready(self) -> None:
        from portal.service_registry import Service, register_service

        register_service(
            Service(
                key="matching",
                name=_("Find a certified water operator"),
                description=_(
                    "Licensed drinking-water and wastewater operators register their certificates; "
                    "verified system owners find available operators."
                ),
                # Nobody takes part yet: the service's pages come with its issue.
                participates=lambda user: False,
                order=10,
                staff_role="accreditation_office",
            )
        )
