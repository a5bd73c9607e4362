import functools

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
    """A group request reads "Organisation — Groupe 001" in the reader's language (str(group)).
    One statement written once per process: building the ORM's query on every page of the
    inbox cost more than running it (issue 19)."""
    from django.db import connection

    from portal.lib.compiled import instance
    from portal.models import Group, Organisation

    ids = list({r.subject_id for r in reviews})
    if not ids:
        return {}
    width = len(Group._meta.concrete_fields)
    with connection.cursor() as cursor:
        cursor.execute(_group_summaries_sql(), [ids])
        rows = cursor.fetchall()
    by_id = {}
    for row in rows:
        group = instance(Group, row[:width])
        Group.organisation.field.set_cached_value(group, instance(Organisation, row[width:]))
        by_id[group.pk] = str(group)
    return {r.pk: by_id[r.subject_id] for r in reviews if r.subject_id in by_id}


@functools.cache
def _group_summaries_sql() -> str:
    """The groups of a list of ids with their organisations, the models' columns in their
    order (as `instance` reads them)."""
    from portal.models import Group, Organisation

    def columns(model, alias: str) -> str:
        return ", ".join(f'{alias}."{f.column}"' for f in model._meta.concrete_fields)

    return (
        f"SELECT {columns(Group, 'g')}, {columns(Organisation, 'o')}"  # noqa: S608 (names only)
        f" FROM {Group._meta.db_table} g"
        f" JOIN {Organisation._meta.db_table} o ON o.id = g.organisation_id"
        " WHERE g.id = ANY(%s)"
    )


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
