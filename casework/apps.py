from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _participation(user_id):
    """Active members of a provider's group (user_casework_groups, as a queryset that
    portal.service_registry runs); the ministry's staff take part by their office."""
    from portal.models import Group

    return Group.objects.filter(
        service="casework",
        memberships__user_id=user_id,
        memberships__status="active",
        casework_provider__isnull=False,
    )


def _is_ministry(user) -> bool:
    from casework.registry.services import is_ministry

    return is_ministry(user)


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("Summer jobs casework")

    def ready(self) -> None:
        from casework import work  # its kinds of work in the offices' console

        work.register()
        from casework import roles  # noqa: F401  (registers the casework roles)
        from casework.models import Consent, EmployerYearForm
        from portal import files
        from portal.audit_labels import register_verbs
        from portal.service_registry import Service, register_service

        register_service(
            Service(
                key="casework",
                name=_("Summer Jobs Service"),
                description=_("Service providers manage clients, employers and service plans."),
                participation=_participation,
                participates_by_office=_is_ministry,
                url_name="casework:home",
                open_to_all=False,  # providers' staff are added by their manager
                order=50,
                staff_role="ministry",
            )
        )
        from casework.models import ClosureRequest
        from casework.plans import services as plans

        plans.setup()  # plans' merge hook, active-plan lookup, verbs (casework/plans/services.py)
        files.register_access(ClosureRequest, plans.may_read_closure_consent)
        files.register_access(Consent, _may_read_consent)
        files.register_access(EmployerYearForm, _may_read_employer_form)
        register_verbs(
            {
                "provider.created": _("created the service provider"),
                "provider.seats_changed": _("changed the number of seats"),
                "provider.manager_named": _("named the provider's manager"),
                "service_point.created": _("added the service point"),
                "client.registered": _("registered the client"),
                "client.served": _("started serving the client"),
                "client.updated": _("changed the personal details"),
                "client.income_source_set": _("recorded the income source"),
                "client.age_verified": _("verified the age"),
                "client.education_added": _("added an education entry"),
                "client.education_removed": _("removed an education entry"),
                "client.employment_added": _("added an employment entry"),
                "client.employment_removed": _("removed an employment entry"),
                "client.consent_recorded": _("recorded the signed consent"),
                "client.consent_withdrawn": _("recorded the withdrawal of consent"),
                "client.marked_distinct": _("marked the pair as different people"),
                "client.merged_in": _("merged a duplicate record into this one"),
                "client.merged_away": _("merged this record into another one"),
                "employer.registered": _("registered the employer"),
                "employer.year_form_added": _("added the yearly SJS employer form"),
            }
        )


def _may_read_consent(user, consent) -> bool:
    from casework.registry.services import client_full_access

    return client_full_access(user, consent.client)


def _may_read_employer_form(user, form) -> bool:
    """The ministry and members of any casework provider (employers are shared)."""
    from casework.registry.queries import user_casework_groups
    from casework.registry.services import is_ministry

    return is_ministry(user) or bool(user_casework_groups(user))
