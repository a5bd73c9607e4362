"""J2: the information a group shows on its postings, edited by the principal manager only;
"My profile" with the company's users; the contract functions used by the postings."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from jobboard.employer.company import company_card, missing_company_info
from jobboard.employer.models import EmployerGroupProfile, EmployerPerson
from portal.models import AuditEvent, Group
from tests.factories import GroupFactory, UserFactory, make_member
from tests.jobboard.helpers import png

pytestmark = pytest.mark.django_db

INFO = {
    "company_name": "Acme Génie",
    "display_group_name": "Bureau de Québec",
    "description": "Notre équipe de Québec.",
    "website": "https://acme.example.ca",
    "street_address": "10 rue du Port",
    "city": "Québec",
    "province": "QC",
    "postal_code": "g1k 4a1",
    "phone": "418-555-0199",
    "company_description": "Firme de génie-conseil.",
}


def company_url(group):
    return reverse("jobboard:company", kwargs={"group_id": group.pk})


def test_principal_fills_the_posting_information_with_a_logo(client, world):
    group = world.acme
    assert missing_company_info(group) == ["Add the company's logo to the group's information."]
    client.force_login(world.alice)
    assert client.get(company_url(group) + "?edit=1").status_code == 200
    response = client.post(company_url(group), {**INFO, "logo": png()})
    assert response.status_code == 302, response.context["form"].errors
    group = Group.objects.select_related("organisation", "employer_profile").get(pk=group.pk)
    assert missing_company_info(group) == []
    card = company_card(group)
    assert card["logo_url"].startswith("/media/logos/")
    assert card["company_name"] == "Acme Génie" and card["group_name"] == "Bureau de Québec"
    assert card["address"] == "10 rue du Port, Québec, QC, G1K 4A1"
    assert card["about"] == "Firme de génie-conseil." and card["phone"] == "418-555-0199"
    assert card["website"] == "https://acme.example.ca"
    assert AuditEvent.objects.filter(verb="jobboard.company_info_changed").exists()
    # Saving again without a file keeps the logo.
    client.post(company_url(group), {**INFO, "company_name": "Acme"})
    group.refresh_from_db()
    assert group.logo and EmployerGroupProfile.objects.get(group=group).company_name == "Acme"


def test_the_card_falls_back_on_the_organisation_record(world):
    card = company_card(world.acme)
    assert card["company_name"] == "Acme inc."
    assert card["address"] == "1 rue Principale, Québec, QC, G1R 4S9"
    assert card["group_name"] == "" and card["logo_url"] == ""


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("logo.png", b"not an image at all", content_type="image/png"),
        SimpleUploadedFile("logo.pdf", b"%PDF-1.4 nothing", content_type="application/pdf"),
    ],
)
def test_a_bad_logo_is_refused_and_nothing_is_saved(client, world, upload):
    client.force_login(world.alice)
    response = client.post(company_url(world.acme), {**INFO, "logo": upload})
    assert response.status_code == 200 and "logo" in response.context["form"].errors
    world.acme.refresh_from_db()
    assert not world.acme.logo and not EmployerGroupProfile.objects.exists()


def test_bad_input_is_explained(client, world):
    client.force_login(world.alice)
    response = client.post(
        company_url(world.acme),
        {**INFO, "postal_code": "12345", "website": "javascript:alert(1)", "company_name": ""},
    )
    errors = response.context["form"].errors
    assert {"postal_code", "website", "company_name"} <= set(errors)
    assert not EmployerGroupProfile.objects.exists()


@pytest.mark.parametrize("roles", [["jobboard.posting_manager"], ["jobboard.finance_manager"], []])
def test_other_roles_see_the_card_but_cannot_edit(client, world, roles):
    user = UserFactory()
    make_member(user, world.acme, roles)
    client.force_login(user)
    page = client.get(company_url(world.acme))
    assert page.status_code == 200 and page.context["form"] is None
    assert client.post(company_url(world.acme), {**INFO, "logo": png()}).status_code == 403
    world.acme.refresh_from_db()
    assert not world.acme.logo


def test_an_outsider_gets_404(client, world):
    client.force_login(world.charlie)
    assert client.get(company_url(world.acme)).status_code == 404
    assert client.post(company_url(world.acme), INFO).status_code == 404


def test_a_group_of_another_service_is_not_a_job_board_group(client, alice):
    group = GroupFactory(service="permits")
    make_member(alice, group, ["manager"])
    client.force_login(alice)
    assert client.get(company_url(group)).status_code == 403


def test_my_profile_lists_the_company_users_with_role_and_group(client, world):
    other_group = GroupFactory(organisation=world.acme.organisation, name="Group 002")
    julie = UserFactory(first_name="Julie")
    make_member(julie, other_group, ["jobboard.posting_manager"])
    EmployerPerson.objects.create(user=julie, job_title="Chargée de projets")
    stranger = UserFactory(first_name="Zed")
    make_member(stranger, world.globex, ["manager"])
    client.force_login(world.bob)
    response = client.get(reverse("jobboard:profile", kwargs={"group_id": world.acme.pk}))
    rows = response.context["rows"]
    people = {(r["membership"].user.first_name, r["membership"].group.name) for r in rows}
    assert people == {("Alice", "Group 001"), ("Bob", "Group 001"), ("Julie", "Group 002")}
    julie_row = next(r for r in rows if r["membership"].user == julie)
    assert julie_row["roles"] == ["Posting manager"]
    assert julie_row["job_title"] == "Chargée de projets"
    page = response.content.decode()
    assert "Zed" not in page and "Principal manager" in page


@pytest.mark.parametrize(
    "roles", [["manager"], ["jobboard.posting_manager"], ["jobboard.finance_manager"]]
)
def test_every_role_edits_its_own_profile_but_not_the_email(client, world, roles):
    user = UserFactory(email="me@acme.example")
    make_member(user, world.acme, roles)
    client.force_login(user)
    url = reverse("jobboard:profile", kwargs={"group_id": world.acme.pk})
    response = client.post(
        url,
        {
            "first_name": "Marie",
            "last_name": "Roy",
            "phone": "418-555-0100",
            "phone_extension": "7",
            "job_title": "Ingénieure",
            "email": "new@acme.example",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.phone, user.email) == ("Marie", "418-555-0100", "me@acme.example")
    assert EmployerPerson.objects.get(user=user).phone_extension == "7"
    page = client.get(url).content.decode()
    assert "cannot be changed" in page


def test_profile_refuses_bad_input(client, world):
    client.force_login(world.bob)
    url = reverse("jobboard:profile", kwargs={"group_id": world.acme.pk})
    response = client.post(
        url, {"first_name": "", "last_name": "R", "phone": "12", "phone_extension": "x"}
    )
    assert {"first_name", "phone", "phone_extension", "job_title"} <= set(
        response.context["form"].errors
    )
    assert not EmployerPerson.objects.exists()


def test_the_employer_menu_links_what_exists_and_what_the_role_allows(client, world):
    client.force_login(world.alice)
    page = client.get(company_url(world.acme)).content.decode()
    assert "Users and roles" in page
    assert reverse("billing:history", kwargs={"group_id": world.acme.pk}) in page
    client.force_login(world.bob)
    page = client.get(company_url(world.acme)).content.decode()
    assert reverse("billing:history", kwargs={"group_id": world.acme.pk}) not in page
    assert "Users and roles" not in page
    assert reverse("jobboard:home") in page


def test_the_employer_menu_kept_per_language_follows_the_language(client, world):
    # The menu's links are kept per language, group, page and rights (issue 19).
    client.force_login(world.alice)
    for _ in range(2):
        with translation.override("fr"):
            page = client.get(company_url(world.acme)).content.decode()
        assert "Back to the job site" not in page
        with translation.override("en"):
            page = client.get(company_url(world.acme)).content.decode()
        assert "Back to the job site" in page and 'aria-current="page">My company<' in page


def test_the_group_switcher_appears_for_several_job_board_groups(client, world):
    client.force_login(world.alice)
    assert "Change group" not in client.get(company_url(world.acme)).content.decode()
    second = GroupFactory(organisation=world.acme.organisation, name="Group 002")
    make_member(world.alice, second, ["jobboard.posting_manager"])
    make_member(world.alice, GroupFactory(service="permits"), ["manager"])  # not a job board
    page = client.get(company_url(world.acme)).content.decode()
    # The switcher opens the other group's dashboard (the postings half of the job board).
    assert "Change group" in page and reverse("jobboard:dashboard", args=[second.pk]) in page
    assert page.count('class="dropdown-item"') >= 2
