"""Foreign-user walk for operator matching: charlie (an operator himself, and manager of
Globex, an active owner) tries alice's and Acme's objects."""

from tests.foreign_walk import Case

PUBLIC = {
    "matching:home": "public page; own profiles only",
    "matching:operator_signup": "creates the user's own operator profile",
    "matching:operator_profile": "own operator profile",
    "matching:credential_new": "adds to the user's own profile",
    "matching:operator_agreement": "own operator profile",
    "matching:operator_overview": "own operator profile",
    "matching:owner_signup": "own request; groups limited to the user's own",
    "matching:owner_profile": "own organisation's owner profile",
    "matching:facility_new": "adds to the user's own owner profile",
    "matching:owner_agreement": "own owner profile",
    "matching:owner_overview": "own owner profile",
    "matching:search": "active owners only; operators who chose to be found",
    "matching:search_save": "saves to the user's own owner profile",
}


def cases(world) -> list[Case]:
    from accounts.models import User

    names = [
        "credential_edit",
        "credential_delete",
        "facility_edit",
        "facility_delete",
        "search_delete",
        "operator_detail",
    ]
    if not isinstance(world.alice, User):  # the stand-in world of the URL census
        return [Case(f"matching:{name}", {"pk": 1}, world.charlie) for name in names]
    from matching.models import ProfileState, SavedSearch
    from tests.matching import helpers
    from tests.matching.reference_data import ensure_reference_data

    ensure_reference_data()

    alice_operator = helpers.operator(world.alice, state=ProfileState.SUBMITTED, available=False)
    alice_credential = world.alice.credentials.get()
    helpers.operator(world.charlie)
    acme_owner = helpers.owner(world.alice, group=_matching(world.acme))
    helpers.owner(world.charlie, group=_matching(world.globex))
    acme_search = SavedSearch.objects.create(owner=acme_owner, created_by=world.alice, name="Acme")
    facility = acme_owner.facilities.get()
    charlie = world.charlie
    return [
        Case("matching:credential_edit", {"pk": alice_credential.pk}, charlie),
        Case("matching:credential_delete", {"pk": alice_credential.pk}, charlie),
        Case("matching:facility_edit", {"pk": facility.pk}, charlie),
        Case("matching:facility_delete", {"pk": facility.pk}, charlie),
        Case("matching:search_delete", {"pk": acme_search.pk}, charlie),
        # An operator who is not active: not shown even to an active owner.
        Case("matching:operator_detail", {"pk": alice_operator.pk}, charlie),
    ]


def _matching(group):
    group.service = "matching"
    group.save(update_fields=["service"])
    return group
