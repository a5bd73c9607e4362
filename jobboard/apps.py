from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobboardConfig(AppConfig):
    name = "jobboard"
    verbose_name = _("Engineering job board")

    def ready(self) -> None:
        from jobboard import posting_setup, roles  # noqa: F401  (registers the roles)
        from portal.service_registry import Service, register_service

        register_service(
            Service(
                key="jobboard",
                name=_("Engineering job board"),
                description=_(
                    "Employers publish engineering job postings, validated by the regulator."
                ),
                # Nobody takes part yet: the service's pages come with its issue.
                participates=lambda user: False,
                order=20,
                staff_role="regulator",
            )
        )
        posting_setup.register()  # shop, credits, posting review, history words
