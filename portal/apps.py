from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal core")

    def ready(self) -> None:
        from portal import checks  # noqa: F401  (registers the deploy checks)
        from portal.review_kinds import ReviewKind, register_review_kind
        from portal.services import organisations as org
        from portal.services.permissions import ensure_permission_rows

        register_review_kind(
            ReviewKind(
                key=org.ORGANISATION_REQUEST,
                label=_("New organisation"),
                panel_template="portal/reviews/organisation_panel.html",
                panel_context=org_panel_context,
                on_approve=org.on_organisation_approved,
                on_refuse=org.on_organisation_refused,
            )
        )
        register_review_kind(
            ReviewKind(
                key=org.GROUP_REQUEST,
                label=_("New group"),
                panel_template="portal/reviews/group_panel.html",
                panel_context=group_panel_context,
                on_approve=org.on_group_approved,
                on_refuse=org.on_group_refused,
                summaries=group_summaries,
            )
        )
        post_migrate.connect(lambda **kwargs: ensure_permission_rows(), sender=self, weak=False)
        _forget_memo_on_membership_writes()


def _forget_memo_on_membership_writes() -> None:
    """A membership saved or deleted during a request drops the request's memo of the user's
    memberships and permissions (portal.lib.request_memo)."""
    from django.db.models.signals import post_delete, post_save

    from portal.lib import request_memo
    from portal.models import Membership

    def forget(**kwargs) -> None:
        request_memo.forget()

    for signal in (post_save, post_delete):
        uid = f"portal-memo-{id(signal)}"
        signal.connect(forget, sender=Membership, weak=False, dispatch_uid=uid)


def group_summaries(reviews) -> dict[int, str]:
    """A group request reads "Organisation — Groupe 001" in the reader's language."""
    from portal.models import Group

    groups = Group.objects.filter(pk__in=[r.subject_id for r in reviews]).select_related(
        "organisation"
    )
    by_id = {g.pk: str(g) for g in groups}
    return {r.pk: by_id[r.subject_id] for r in reviews if r.subject_id in by_id}


def org_panel_context(review) -> dict:
    from portal.selectors import organisation_possible_duplicates

    organisation = review.subject
    return {
        "organisation": organisation,
        "duplicates": organisation_possible_duplicates(organisation),
    }


def group_panel_context(review) -> dict:
    from portal.models import Membership

    group = review.subject
    return {
        "group": group,
        "organisation": group.organisation,
        "existing_groups": group.organisation.groups.exclude(pk=group.pk),
        "active_members": Membership.objects.filter(
            group__organisation=group.organisation, status=Membership.Status.ACTIVE
        ).count(),
    }
