"""The public posting page's URLs (public by nature) and the employer's performance pages
(tenant: charlie of Globex tries Acme's group)."""

from tests.foreign_walk import Case

PUBLIC: dict[str, str] = {
    "jobboard:job": "public posting page (published version of live postings only)",
    "jobboard:job_apply": "public apply of a live posting",
    "jobboard:job_applied": "public confirmation, no applicant data",
    "jobboard:job_share": "public share links of a live posting",
}


def cases(world) -> list[Case]:
    from tests.jobboard.foreign_cases_postings import setup

    setup(world)
    return [
        Case(name, {"group_id": world.acme_jobs.pk}, world.charlie)
        for name in ("jobboard:performance", "jobboard:performance_csv")
    ]
