from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.lib.tasks import enqueue


def participation(user_id):
    """An operator, or a member (active or requested) of a system owner's group: the
    dashboard runs it with the other services' checks (portal.service_registry)."""
    from django.db.models import Exists, OuterRef, Q

    from accounts.models import User
    from matching.models import OperatorProfile, OwnerProfile
    from portal.models import Membership

    return User.objects.filter(pk=user_id).filter(
        Q(Exists(OperatorProfile.objects.filter(user=OuterRef("pk"))))
        | Q(
            Exists(
                OwnerProfile.objects.filter(
                    group__memberships__user=OuterRef("pk"),
                    group__memberships__status__in=[
                        Membership.Status.ACTIVE,
                        Membership.Status.REQUESTED,
                    ],
                )
            )
        )
    )


def participates_query(user) -> bool:
    from portal.service_registry import get_service

    return get_service("matching").participates(user)


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Operator matching")

    def ready(self) -> None:
        from matching import reference, services
        from portal.audit_labels import register_states, register_verbs
        from portal.review_kinds import ReviewKind, register_review_kind
        from portal.service_registry import Service, register_service

        register_service(
            Service(
                key="matching",
                name=_("Find a certified water operator"),
                description=_(
                    "Licensed drinking-water and wastewater operators register their certificates; "
                    "verified system owners find available operators."
                ),
                participation=participation,
                url_name="matching:home",
                order=10,
                staff_role="accreditation_office",
            )
        )
        register_review_kind(
            ReviewKind(
                key=services.OPERATOR_REVIEW,
                label=_("Operator profile"),
                panel_template="matching/reviews/operator_panel.html",
                panel_context=operator_panel_context,
                on_approve=services.on_operator_approved,
                on_request_changes=services.on_operator_changes_requested,
                on_refuse=services.on_operator_refused,
            )
        )
        register_review_kind(
            ReviewKind(
                key=services.OWNER_REVIEW,
                label=_("System owner profile"),
                panel_template="matching/reviews/owner_panel.html",
                panel_context=owner_panel_context,
                on_approve=services.on_owner_approved,
                on_request_changes=services.on_owner_changes_requested,
                on_refuse=services.on_owner_refused,
            )
        )
        reference.connect_invalidation()
        from credentials.services import registry_imported

        registry_imported.connect(_sweep_after_import, dispatch_uid="matching_sweep_after_import")
        register_states(
            {
                "draft": _("Not submitted"),
                "submitted": _("Pending verification"),
                "changes_requested": _("Information requested"),
                "deactivated": _("Deactivated"),
            }
        )
        register_verbs(
            {
                "operator.registered": _("created the operator account"),
                "operator.updated": _("updated the profile"),
                "operator.credential_added": _("added a certificate"),
                "operator.credential_changed": _("changed a certificate"),
                "operator.credential_deleted": _("deleted a certificate"),
                "operator.submitted": _("ticked the agreement and submitted"),
                "operator.withdrawn": _("unticked the agreement"),
                "operator.prechecked": _("checked the certificates against the registry"),
                "operator.activated": _("activated the profile"),
                "operator.changes_requested": _("asked for information"),
                "operator.refused": _("refused the profile"),
                "operator.deactivated": _("deactivated the profile (no valid certificate)"),
                "operator.availability_changed": _("changed the availability"),
                "owner.registered": _("registered the organisation as an owner"),
                "owner.facility_added": _("added a facility"),
                "owner.facility_changed": _("changed a facility"),
                "owner.facility_deleted": _("deleted a facility"),
                "owner.submitted": _("ticked the agreement and submitted"),
                "owner.withdrawn": _("unticked the agreement"),
                "owner.activated": _("activated the profile"),
                "owner.changes_requested": _("asked for information"),
                "owner.refused": _("refused the profile"),
                "owner.search_saved": _("saved a search"),
                "owner.search_deleted": _("deleted a saved search"),
                "registry.imported": _("imported the operator registry"),
                "credential.swept": _("marked the certificate during the daily check"),
            }
        )


def _sweep_after_import(**kwargs) -> None:
    """A new registry snapshot: re-check verified operators now, not only at night."""
    enqueue("matching.tasks.eligibility_sweep_task")


def operator_panel_context(review) -> dict:
    from matching.models import OperatorProfile
    from matching.queries import registry_panel

    profile = OperatorProfile.objects.select_related("user").get(pk=review.subject_id)
    return {"profile": profile, "rows": registry_panel(profile)}


def owner_panel_context(review) -> dict:
    from matching.models import OwnerProfile

    profile = OwnerProfile.objects.select_related("group__organisation").get(pk=review.subject_id)
    return {
        "profile": profile,
        "organisation": profile.group.organisation,
        "facilities": list(profile.facilities.all()),
    }
