"""C3, C4, C7: organisation and group requests, the staff inbox per role, decisions."""

import pytest
from django.core import mail

from portal.models import Group, Membership, Organisation, Review
from portal.services.organisations import organisation_request
from tests.factories import GroupFactory, OrganisationFactory, UserFactory, make_member

pytestmark = pytest.mark.django_db

NEW_ORG = {
    "kind": "company",
    "legal_name": "Génie Conseil Boréal inc.",
    "operating_name": "Boréal",
    "registry_number": "1170 123 456",
    "street_address": "500 Grande Allée Est",
    "city": "Québec",
    "province": "QC",
    "postal_code": "g1r 2j7",
    "phone": "418-555-0199",
    "website": "https://boreal.example.ca",
    "description": "",
    "service": "jobboard",
}


def request_org(client, user, **changes):
    client.force_login(user)
    return client.post("/fr/organisations/new/", {**NEW_ORG, **changes})


def test_request_creates_a_pending_organisation_in_the_regulators_inbox(client, alice, dana):
    response = request_org(client, alice)
    assert response["Location"] == "/fr/groups/"
    organisation = Organisation.objects.get(legal_name=NEW_ORG["legal_name"])
    assert organisation.status == Organisation.Status.PENDING
    assert organisation.registry_number == "1170123456" and organisation.postal_code == "G1R 2J7"
    group = organisation.groups.get()
    assert (group.name, group.status, group.service) == ("Group 001", "pending", "jobboard")
    assert Membership.objects.get(group=group).status == Membership.Status.REQUESTED
    review = Review.objects.get()
    assert review.staff_role == "regulator" and review.state == Review.State.OPEN
    client.force_login(dana)
    assert NEW_ORG["legal_name"] in client.get("/fr/staff/inbox/").content.decode()


def test_missing_mandatory_fields_are_explained_and_nothing_is_created(client, alice):
    response = request_org(client, alice, city="", postal_code="12345")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ce champ est obligatoire." in page
    assert "Entrez un code postal canadien" in page
    assert not Organisation.objects.exists() and not Review.objects.exists()


def test_a_registry_number_already_on_record_is_refused(client, alice):
    OrganisationFactory(registry_number="1170123456")
    response = request_org(client, alice)
    assert response.status_code == 200
    assert Organisation.objects.count() == 1


def test_staff_approval_opens_the_organisation_and_makes_the_creator_manager(
    client, alice, dana, django_capture_on_commit_callbacks
):
    request_org(client, alice)
    review = Review.objects.get()
    client.force_login(dana)
    assert NEW_ORG["legal_name"] in client.get(f"/fr/staff/reviews/{review.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/fr/staff/reviews/{review.pk}/", {"decision": "approve", "note": "Bienvenue"}
        )
    assert response["Location"] == "/fr/staff/inbox/"
    organisation = Organisation.objects.get()
    group = organisation.groups.get()
    assert organisation.status == "active" and group.status == "active"
    membership = Membership.objects.get(group=group, user=alice)
    assert membership.status == "active" and membership.roles == ["manager"]
    assert alice.has_perm("portal.portal_manage_group", group)
    message = mail.outbox[-1]
    assert message.to == [alice.email] and "Bienvenue" in message.body
    client.force_login(alice)
    assert client.get(f"/fr/groups/{group.pk}/").status_code == 200


def test_refusal_needs_a_note_and_closes_the_request(
    client, alice, dana, django_capture_on_commit_callbacks
):
    request_org(client, alice)
    review = Review.objects.get()
    client.force_login(dana)
    response = client.post(f"/fr/staff/reviews/{review.pk}/", {"decision": "refuse", "note": ""})
    assert response.status_code == 200
    assert Review.objects.get().state == Review.State.OPEN
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/fr/staff/reviews/{review.pk}/", {"decision": "refuse", "note": "NEQ inconnu"}
        )
    assert Organisation.objects.get().status == "refused"
    assert Membership.objects.get().status == "refused"
    assert "NEQ inconnu" in mail.outbox[-1].body


def test_changes_requested_then_resubmitted(alice, dana):
    from portal.services.organisations import organisation_resubmit
    from portal.services.reviews import review_decide

    organisation = organisation_request(
        user=alice, organisation=OrganisationFactory.build(status="pending"), service="jobboard"
    )
    review_decide(review=Review.objects.get(), actor=dana, decision="request_changes", note="Logo?")
    assert Organisation.objects.get().status == "pending"
    organisation_resubmit(organisation=organisation, user=alice)
    assert Review.objects.filter(state=Review.State.OPEN).count() == 1
    assert Review.objects.count() == 2


def test_deciding_twice_is_refused(client, alice, dana):
    request_org(client, alice)
    review = Review.objects.get()
    client.force_login(dana)
    client.post(f"/fr/staff/reviews/{review.pk}/", {"decision": "approve"})
    response = client.post(
        f"/fr/staff/reviews/{review.pk}/", {"decision": "refuse", "note": "x"}, follow=True
    )
    assert "Cette demande a déjà été traitée." in response.content.decode()
    assert Organisation.objects.get().status == "active"


def test_staff_of_another_role_neither_sees_nor_decides(client, alice, sam):
    request_org(client, alice)
    review = Review.objects.get()
    client.force_login(sam)
    assert NEW_ORG["legal_name"] not in client.get("/fr/staff/inbox/").content.decode()
    assert client.get(f"/fr/staff/reviews/{review.pk}/").status_code == 404
    assert (
        client.post(f"/fr/staff/reviews/{review.pk}/", {"decision": "approve"}).status_code == 404
    )
    assert Review.objects.get().state == Review.State.OPEN


def test_non_staff_has_no_inbox(client, alice):
    client.force_login(alice)
    assert client.get("/fr/staff/inbox/").status_code == 403


def test_inbox_lists_oldest_first(client, dana):
    first = organisation_request(
        user=UserFactory(),
        organisation=OrganisationFactory.build(legal_name="Alpha"),
        service="jobboard",
    )
    second = organisation_request(
        user=UserFactory(),
        organisation=OrganisationFactory.build(legal_name="Beta"),
        service="jobboard",
    )
    Review.objects.filter(subject_id=second.pk).update(created_at="2026-01-01T00:00:00Z")
    client.force_login(dana)
    page = client.get("/fr/staff/inbox/").content.decode()
    assert page.index("Beta") < page.index("Alpha") and first


def test_inbox_pages_escape_and_show_a_request_made_after_the_first_page(client, dana):
    """The inbox's compiled statement and its rows built in Python: pages of 50, the last
    page for a number past the end, user text escaped, a late one marked, a new one shown."""
    applicant = UserFactory(first_name="<i>Zoé</i>", last_name="")
    for n in range(50):
        organisation_request(
            user=applicant,
            organisation=OrganisationFactory.build(legal_name=f"Org {n:02d} <b>"),
            service="jobboard",
        )
    Review.objects.filter(staff_role="regulator").update(due_date="2020-01-01")
    client.force_login(dana)
    page = client.get("/en/staff/inbox/").content.decode()
    assert page.count('<span class="badge text-bg-danger">Late</span>') == 50
    assert "Org 00 &lt;b&gt;" in page and "<b>" not in page.split("<main", 1)[1]
    assert "&lt;i&gt;Zoé&lt;/i&gt;" in page and "Page 1 of 2" not in page
    late = organisation_request(
        user=UserFactory(),
        organisation=OrganisationFactory.build(legal_name="Tardive inc."),
        service="jobboard",
    )
    assert late
    first = client.get("/en/staff/inbox/").content.decode()
    assert "Page 1 of 2" in first and "Tardive" not in first
    for number in ("2", "99"):
        last = client.get(f"/en/staff/inbox/?page={number}").content.decode()
        assert "Tardive inc." in last and "Page 2 of 2" in last and "Org 00" not in last
    Review.objects.update(state=Review.State.APPROVED)
    assert 'data-testid="inbox-empty"' in client.get("/en/staff/inbox/").content.decode()


def test_group_request_in_an_existing_organisation(
    client, world, dana, django_capture_on_commit_callbacks
):
    client.force_login(world.bob)
    organisation = world.acme.organisation
    client.post(
        f"/fr/organisations/{organisation.pk}/groups/new/",
        {"name": "Montréal", "service": "jobboard"},
    )
    group = Group.objects.get(name="Montréal")
    assert group.status == "pending"
    client.force_login(dana)
    review = Review.objects.get(subject_id=group.pk)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/fr/staff/reviews/{review.pk}/", {"decision": "approve"})
    assert Membership.objects.get(group=group, user=world.bob).roles == ["manager"]


def test_search_by_name_and_registry_number_shows_users_and_duplicates(client, world):
    OrganisationFactory(
        legal_name="Acme inc.",
        registry_number=world.acme.organisation.registry_number,
        imported=True,
    )
    client.force_login(UserFactory())
    by_name = client.get("/fr/organisations/", {"q": "acme"}).content.decode()
    assert by_name.count("Acme inc.") >= 2
    assert "Compte déjà des utilisateurs" in by_name and "Doublon possible" in by_name
    by_number = client.get(
        "/fr/organisations/", {"q": world.acme.organisation.registry_number}
    ).content.decode()
    assert "Acme inc." in by_number and "Globex" not in by_number


def test_pending_organisations_are_not_public(client, alice, bob):
    organisation = organisation_request(
        user=alice, organisation=OrganisationFactory.build(), service="jobboard"
    )
    client.force_login(bob)
    assert client.get(f"/fr/organisations/{organisation.pk}/").status_code == 404


def test_join_request_from_the_organisation_page(client, world, django_capture_on_commit_callbacks):
    newcomer = UserFactory()
    client.force_login(newcomer)
    page = client.get(f"/fr/organisations/{world.acme.organisation.pk}/").content.decode()
    assert "Groupe 001" in page  # the default name, translated
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/fr/groups/{world.acme.pk}/join/", {"message": "Salut"})
    assert response["Location"] == "/fr/groups/"
    assert Membership.objects.get(user=newcomer).status == "requested"
    assert mail.outbox[-1].to == [world.alice.email]


def test_a_pending_group_cannot_be_joined(client, alice):
    group = GroupFactory(status="pending")
    client.force_login(alice)
    assert client.post(f"/fr/groups/{group.pk}/join/").status_code == 404


def test_group_details_edit_is_for_managers(client, world):
    client.force_login(world.bob)
    assert client.get(f"/fr/groups/{world.acme.pk}/edit/").status_code == 403
    client.force_login(world.alice)
    response = client.post(
        f"/fr/groups/{world.acme.pk}/edit/",
        {
            "description": "Ingénierie",
            "contact_email": "rh@acme.example",
            "phone": "",
            "website": "",
        },
    )
    assert response.status_code == 302
    world.acme.refresh_from_db()
    assert world.acme.description == "Ingénierie"
    make_member  # noqa: B018
