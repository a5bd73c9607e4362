from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.lib.tasks import enqueue


def participates_query(user) -> bool:
    from django.db import connection

    if not user.is_authenticated:
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM matching_operatorprofile WHERE user_id = %s) OR EXISTS ("
            " SELECT 1 FROM matching_ownerprofile o JOIN portal_membership m"
            " ON m.group_id = o.group_id"
            " WHERE m.user_id = %s AND m.status IN ('active', 'requested'))",
            [user.pk, user.pk],
        )
        return bool(cursor.fetchone()[0])


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
                participates=participates_query,
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
