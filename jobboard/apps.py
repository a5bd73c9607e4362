from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from jobboard.contact import CONTACT_EMAIL


def participation(user_id):
    """An employer request started or a job-board membership (requested or active); the
    dashboard runs it with the other services' checks (portal.service_registry)."""
    from django.db.models import Exists, OuterRef, Q

    from accounts.models import User
    from jobboard.employer.models import EmployerApplication
    from portal.models import Membership

    return User.objects.filter(pk=user_id).filter(
        Q(Exists(EmployerApplication.objects.filter(user=OuterRef("pk"))))
        | Q(
            Exists(
                Membership.objects.filter(
                    user=OuterRef("pk"),
                    group__service="jobboard",
                    status__in=[Membership.Status.ACTIVE, Membership.Status.REQUESTED],
                )
            )
        )
    )


class JobboardConfig(AppConfig):
    name = "jobboard"
    verbose_name = _("Engineering job board")

    def ready(self) -> None:
        from jobboard import roles  # noqa: F401  (registers the roles)
        from jobboard.employer import services as _employer  # noqa: F401  (its system text)
        from jobboard.postings import hooks as postings
        from jobboard.public import page_cache as public_page_cache
        from jobboard.public import search_form
        from jobboard.seekers import saved_searches  # noqa: F401  (registers its unsubscribe)
        from jobboard.seekers import services as seekers
        from jobboard.statistics import services as statistics
        from portal.audit_labels import register_verbs
        from portal.service_registry import Service, register_service

        register_service(
            Service(
                key="jobboard",
                name=_("Engineering job board"),
                description=_(
                    "Employers publish engineering job postings, validated by the regulator."
                ),
                participation=participation,
                # The job site is the service's home (its header links there); employers go
                # on to their space from it, or straight from the portal's entries.
                url_name="jobboard:home",
                entries=(
                    ("seekers", _("Job seekers: find an engineering job"), "jobboard:home"),
                    ("employers", _("Employers: post a job"), "jobboard:employer_home"),
                ),
                order=20,
                staff_role="regulator",
                # C1: an employer's sign-in e-mail is tied to the company (the seed's guide).
                locks_email=True,
                sitemap_url_name="jobboard:sitemap",
                contact_email=CONTACT_EMAIL,
            )
        )
        postings.register()  # shop, credits, posting review, history words
        public_page_cache.register()  # a posting or a company changed: cached pages go
        search_form.register()  # a reference list entry changed: the search form's lists go
        statistics.register()  # a posting page served from the page cache counts its view

        seekers.register()  # the seekers' one-click unsubscribes and history words
        register_verbs(
            {
                "jobboard.free_mail_added": _("Free-mail domain added"),
                "jobboard.free_mail_removed": _("Free-mail domain removed"),
                "jobboard.application_started": _("Employer account request started"),
                "jobboard.application_submitted": _("Employer account request sent"),
                "jobboard.application_note": _("The applicant's details"),
                "jobboard.company_info_changed": _("Information shown on postings changed"),
                "jobboard.profile_changed": _("Profile changed"),
                "organisation.completed": _("Missing company details filled in"),
            }
        )
