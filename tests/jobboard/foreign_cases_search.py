"""The public job site's URLs for the foreign-user walk: alice's saved search, charlie tries
to delete it (the list shows only one's own)."""

from tests.foreign_walk import Case

PUBLIC: dict[str, str] = {
    "jobboard:home": "public job site home (live postings only)",
    "jobboard:search": "public search (live postings only)",
    "jobboard:search_feed": "public feed of a search (live postings only)",
    "jobboard:sitemap": "public sitemap (live postings only)",
    "jobboard:saved_search_create": "creates the user's own saved search",
    "jobboard:saved_searches": "the user's own saved searches",
}


def cases(world) -> list[Case]:
    from accounts.models import User
    from jobboard.seekers.models import SavedSearch

    pk = 1  # (a stand-in world only lists the names)
    if isinstance(world.alice, User):
        found = SavedSearch.objects.create(user=world.alice, label="Ponts", params={})
        pk = found.pk
    return [Case("jobboard:saved_search_delete", {"pk": pk}, world.charlie)]
