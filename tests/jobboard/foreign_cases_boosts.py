"""Boosts URLs for the foreign-user walk: charlie (Globex) tries Acme's posting's boosts and
targeted-send pages, through Acme's group and through his own group."""

from tests.foreign_walk import Case

PUBLIC: dict[str, str] = {
    # (the foundation's page; here so the walk classifies it until its own file does)
    "jobboard:unsubscribe": "a signed token names the user and the mailing; works signed out",
}


def cases(world) -> list[Case]:
    from tests.jobboard.foreign_cases_postings import setup

    setup(world)
    posting = world.acme_posting
    found = []
    for group in (world.acme_jobs, world.globex_jobs):
        for name in ("jobboard:boosts", "jobboard:targeted"):
            args = {"group_id": group.pk, "posting_id": posting.pk}
            found.append(Case(name, args, world.charlie))
    return found
