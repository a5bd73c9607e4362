"""Foreign-user walk for the permits pages: charlie (Globex) asks for LMS's objects, in
LMS's URLs and in his own account's URLs with LMS's ids."""

from permits.models import ApplicationTemplate
from permits.services import application_submit, contractor_register
from portal.models import Group
from tests.foreign_walk import Case

PUBLIC = {
    "permits:contractors": "own linked accounts",
    "permits:associate": "links the user by PIN (throttled)",
    "permits:register": "creates the user's own account",
}


def _register(user, name):
    return contractor_register(
        user=user,
        details={
            "legal_name": name,
            "phone": "613-555-0100",
            "street_address": "1 Main",
            "city": "Ottawa",
            "province": "ON",
            "postal_code": "K1P 1J1",
        },
    )


def cases(world) -> list[Case]:
    w = world
    if not isinstance(w.acme, Group):  # the URL classification's stand-in world
        return _cases(w, w, w, w, w, w)
    victim = _register(w.alice, "Victim Contractors")
    mine = _register(w.charlie, "Charlie Contractors")
    application = application_submit(
        account=victim, actor=w.alice, kind="building", site_address="1 Main"
    )
    fee = application.fees.get()
    template = ApplicationTemplate.objects.create(account=victim, name="T", kind="sign")
    return _cases(w, victim, mine, application, fee, template)


def _cases(w, victim, mine, application, fee, template) -> list[Case]:
    out = []
    for account in (victim, mine):  # the victim's account, and charlie's own with its ids
        a = {"account_id": account.pk}
        out += [
            Case("permits:application", {**a, "application_id": application.pk}, w.charlie),
            Case("permits:application_upload", {**a, "application_id": application.pk}, w.charlie),
            Case(
                "permits:application_inspection",
                {**a, "application_id": application.pk},
                w.charlie,
            ),
            Case("permits:fee_pay", {**a, "fee_id": fee.pk}, w.charlie),
            Case("permits:template_delete", {**a, "template_id": template.pk}, w.charlie),
        ]
    # City staff pages: 404 for anyone without the city staff role.
    out += [
        Case("permits:city_applications", {}, w.charlie),
        Case("permits:city_application", {"application_id": application.pk}, w.charlie),
        Case("permits:city_import", {}, w.charlie),
        Case("permits:city_attempts", {}, w.charlie),
    ]
    a = {"account_id": victim.pk}
    for name in (
        "permits:account",
        "permits:linked",
        "permits:linked_roles",
        "permits:linked_selected",
        "permits:fees",
        "permits:banking",
        "permits:access",
        "permits:pin_regenerate",
        "permits:applications",
        "permits:application_new",
        "permits:templates",
    ):
        out.append(Case(name, a, w.charlie))
    return out
