"""Licensing URLs for the foreign-user walk: Acme's licensing group (alice represents it)
bought codes and has an employee's application; charlie (Globex) and staff of another
office try them."""

from tests.foreign_walk import Case

PUBLIC = {
    "licensing:home": "own memberships and applications",
    "licensing:company_new": "creates a request",
    "licensing:intro_course": "public course content, own completion",
    "licensing:apply": "creates the user's own application",
}


def setup(world) -> None:
    """The victim's licensing objects (skipped for the stand-in world of the URL check)."""
    from portal.models import Group

    if not isinstance(world.acme, Group) or hasattr(world, "acme_licensing"):
        return
    from tests.factories import GroupFactory, UserFactory, make_member
    from tests.licensing.helpers import (
        approved,
        buy_by_invoice,
        company,
        reference_data,
        unused_code,
    )

    reference_data()
    world.acme_licensing = GroupFactory(
        organisation=world.acme.organisation, name="Licences", service="licensing"
    )
    make_member(world.alice, world.acme_licensing, ["manager"])
    from billing.models import BillingProfile

    BillingProfile.objects.get_or_create(
        organisation=world.acme.organisation,
        service="licensing",
        defaults={"invoice_eligible": True},
    )
    world.acme_order = buy_by_invoice(world.acme_licensing, world.alice, 5)
    world.acme_code = unused_code(world.acme_licensing)
    world.acme_application = approved()
    world.globex_licensing = company("Globex licences")
    make_member(world.charlie, world.globex_licensing, ["manager"])
    world.regulator = UserFactory(staff_role="regulator")


def cases(world) -> list[Case]:
    setup(world)
    w = world
    acme, globex = w.acme_licensing, w.globex_licensing
    cases = []
    for name in ("licensing:company", "licensing:buy", "licensing:codes", "licensing:codes_csv"):
        cases.append(Case(name, {"group_id": acme.pk}, w.charlie))
    # Someone else's group in the path, and the outsider's own group with another's code id.
    cases.append(
        Case("licensing:code_notes", {"group_id": acme.pk, "code_id": w.acme_code.pk}, w.charlie)
    )
    cases.append(
        Case("licensing:code_notes", {"group_id": globex.pk, "code_id": w.acme_code.pk}, w.charlie)
    )
    for name in (
        "licensing:application",
        "licensing:redeem",
        "licensing:resubmit",
        "licensing:course",
    ):
        cases.append(Case(name, {"application_id": w.acme_application.pk}, w.charlie))
    cases.append(Case("licensing:staff_exams", {}, w.charlie))
    cases.append(Case("licensing:staff_exams", {}, w.regulator))
    cases.append(
        Case("licensing:staff_exam_record", {"application_id": w.acme_application.pk}, w.regulator)
    )
    return cases
