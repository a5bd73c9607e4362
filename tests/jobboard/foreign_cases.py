"""Foreign-user walk for the employer side of the job board: charlie (Globex) asks for Acme's
company and profile pages; office staff of another role ask for the regulator's list."""

from tests.foreign_walk import Case

PUBLIC = {
    "jobboard:employer_home": "employer landing (own requests only)",
    "jobboard:signup": "creates the user's own account",
    "jobboard:onboarding": "the user's own request",
    "jobboard:onboarding_company": "public registry search; the user's own request",
    "jobboard:onboarding_details": "the user's own request",
    "jobboard:onboarding_about": "the user's own request (groups of the chosen company)",
    "jobboard:onboarding_confirm": "the user's own request",
}


def cases(world) -> list[Case]:
    w = world
    # The regulator's list: refused to staff of another office and to employers.
    staff = getattr(w, "other_staff", w.charlie)
    return [
        Case("jobboard:company", {"group_id": w.acme.pk}, w.charlie),
        Case("jobboard:profile", {"group_id": w.acme.pk}, w.charlie),
        Case("jobboard:free_mail_domains", {}, staff),
        Case("jobboard:free_mail_domains", {}, w.charlie),
        Case("jobboard:free_mail_domain_delete", {"pk": 1}, staff),
    ]
