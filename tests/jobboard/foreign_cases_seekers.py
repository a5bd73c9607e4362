"""Job seekers' URLs for the foreign-user walk: every page is the signed-in user's own
(their profile, consent, follows) or public (a company's page), so none takes another
user's data from the URL; a group that is not a public job-board group is a 404."""

from tests.foreign_walk import Case

PUBLIC = {
    "jobboard:seeker_signup": "creates the user's own account",
    "jobboard:seeker_profile": "the user's own seeker profile",
    "jobboard:seeker_communications": "the user's own mailings",
    "jobboard:seeker_weekly": "the user's own weekly e-mail choice",
    "jobboard:seeker_consent": "the user's own consent",
    "jobboard:company_public": "public company page (active job-board groups only)",
    "jobboard:seeker_follow": "the user's own follow of a public company",
    "jobboard:seeker_unfollow": "the user's own follow",
    # (foundation, unclassified on main) the signed token names its one user.
}


def cases(world) -> list[Case]:
    # A group of another service is no company page of the job site.
    from portal.models import Group
    from tests.factories import GroupFactory

    other = Group.objects.get(pk=GroupFactory(service="permits").pk)  # type: ignore[attr-defined]
    return [
        Case("jobboard:company_public", {"group_id": other.pk}, world.charlie),
        Case("jobboard:seeker_follow", {"group_id": other.pk}, world.charlie),
    ]
