"""Job board postings URLs for the foreign-user walk: Acme's job board group (alice manages it)
has a posting in validation; charlie (Globex) tries Acme's ids, and staff of another office try
the regulator's pages."""

from tests.foreign_walk import Case

PUBLIC: dict[str, str] = {}

GROUP_PAGES = (
    "jobboard:dashboard",
    "jobboard:postings",
    "jobboard:posting_create",
    "jobboard:packages",
    "jobboard:buy",
    "jobboard:communications",
)
POSTING_PAGES = ("jobboard:posting_detail", "jobboard:posting_resume")


def setup(world) -> None:
    from portal.models import Group

    if not isinstance(world.acme, Group) or hasattr(world, "acme_posting"):
        return
    from tests.factories import UserFactory
    from tests.jobboard.postings_helpers import ready_group, submitted

    world.acme_jobs = ready_group(world.alice, name="Acme emplois")
    world.acme_posting = submitted(world.acme_jobs, world.alice)
    world.globex_jobs = ready_group(world.charlie, name="Globex emplois")
    world.not_regulator = UserFactory(staff_role="certification_office")


def cases(world) -> list[Case]:
    setup(world)
    w = world
    acme, globex, posting = w.acme_jobs, w.globex_jobs, w.acme_posting
    cases = [Case(name, {"group_id": acme.pk}, w.charlie) for name in GROUP_PAGES]
    # Someone else's group in the path, and the outsider's own group with another's posting.
    for group in (acme, globex):
        for name in POSTING_PAGES:
            cases.append(Case(name, {"group_id": group.pk, "posting_id": posting.pk}, w.charlie))
        cases.append(
            Case(
                "jobboard:posting_step",
                {"group_id": group.pk, "posting_id": posting.pk, "step": "details"},
                w.charlie,
            )
        )
        cases.append(
            Case(
                "jobboard:posting_action",
                {"group_id": group.pk, "posting_id": posting.pk, "action": "duplicate"},
                w.charlie,
            )
        )
    for name in ("jobboard:staff_posting_edit", "jobboard:staff_posting_cancel"):
        cases.append(Case(name, {"posting_id": posting.pk}, w.not_regulator))
        cases.append(Case(name, {"posting_id": posting.pk}, w.charlie))
    cases.append(Case("jobboard:staff_products", {}, w.not_regulator))
    cases.append(Case("jobboard:staff_products", {}, w.charlie))
    return cases
