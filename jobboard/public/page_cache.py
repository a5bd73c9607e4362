"""What drops the job site's cached pages (portal.lib.page_cache): a posting saved (published,
edited, boosted, ended, archived) or deleted, a company's card changed (its group, its
organisation, its employer profile), and a reference list entry changed (the search form's
fields, regions and cities). The scheduled publish/expire job changes postings with
one set-based UPDATE, so it calls `page_cache.invalidate()` itself. Every stored page goes at
once (one generation): simpler than tracking which search shows which posting, and a cached
page is rebuilt by its next visitor."""

from django.db.models.signals import post_delete, post_save

from portal.lib import page_cache


def _invalidate(**kwargs) -> None:
    page_cache.invalidate()


def register() -> None:
    from jobboard.employer.models import EmployerGroupProfile
    from jobboard.postings.models import Posting, ReferenceItem
    from portal.models import Group, Organisation

    for model in (Posting, EmployerGroupProfile, Group, Organisation, ReferenceItem):
        for signal in (post_save, post_delete):
            uid = f"jobboard-page-cache-{model.__name__}-{id(signal)}"
            signal.connect(_invalidate, sender=model, weak=False, dispatch_uid=uid)
