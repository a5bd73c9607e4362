"""J1: employer sign-up with a professional e-mail, the onboarding tabs, and every refusal:
free-mail address, e-mail change once tied, missing mandatory fields, foreign group."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from jobboard.employer.models import EmployerApplication, EmployerPerson, FreeMailDomain
from jobboard.employer.services import is_free_mail
from portal.models import AuditEvent, Group, Membership, Organisation, OutboundEmail, Review
from portal.services.reviews import review_decide
from tests.factories import PASSWORD, GroupFactory, OrganisationFactory, UserFactory, make_member
from tests.jobboard.helpers import ABOUT, COMPANY

pytestmark = pytest.mark.django_db

SIGNUP = {
    "first_name": "Nadia",
    "last_name": "Roy",
    "password1": "a-long-new-password",
    "password2": "a-long-new-password",
}


def url(name, **kwargs):
    return reverse(f"jobboard:{name}", kwargs=kwargs or None)


# --- Sign-up: professional e-mail only -------------------------------------------------------


@pytest.mark.parametrize("email", ["nadia@gmail.com", "Nadia@HOTMAIL.com", "n@mail.yahoo.fr"])
def test_free_mail_address_is_refused_at_sign_up(client, email):
    response = client.post(url("signup"), {"email": email, **SIGNUP})
    assert response.status_code == 200
    assert "professional e-mail address" in response.content.decode()
    assert not User.objects.filter(email__iexact=email).exists()


def test_professional_address_signs_up_and_starts_the_request(client):
    response = client.post(url("signup"), {"email": "nadia@genie-nordique.ca", **SIGNUP})
    assert response.status_code == 302
    user = User.objects.get(email="nadia@genie-nordique.ca")
    assert EmployerApplication.objects.get(user=user).state == "draft"
    assert OutboundEmail.objects.filter(to="nadia@genie-nordique.ca").exists()  # verification


def test_general_sign_up_is_not_affected_by_the_job_board_rule(client):
    client.post(reverse("account_signup"), {"email": "nadia@gmail.com", **SIGNUP})
    assert User.objects.filter(email="nadia@gmail.com").exists()


def test_a_free_mail_user_cannot_start_the_onboarding(client):
    user = UserFactory(email="someone@gmail.com")
    client.force_login(user)
    response = client.get(url("onboarding"), follow=True)
    assert "professional e-mail address" in response.content.decode()
    assert not EmployerApplication.objects.filter(user=user).exists()
    assert client.post(url("onboarding_confirm")).status_code == 302
    assert not Membership.objects.filter(user=user).exists()


# --- The regulator's list ---------------------------------------------------------------------


def test_regulator_edits_the_free_mail_list_and_it_is_audited(client, dana):
    assert not is_free_mail("x@webmail.example")
    client.force_login(dana)
    assert client.get(url("free_mail_domains")).status_code == 200
    response = client.post(url("free_mail_domains"), {"domain": "@WebMail.example"})
    assert response.status_code == 302
    entry = FreeMailDomain.objects.get(domain="webmail.example")
    assert is_free_mail("x@webmail.example")
    assert AuditEvent.objects.filter(verb="jobboard.free_mail_added", actor=dana).exists()
    again = client.post(url("free_mail_domains"), {"domain": "webmail.example"})
    assert "already on the list" in again.content.decode()
    bad = client.post(url("free_mail_domains"), {"domain": "not a domain"})
    assert "Enter a domain" in bad.content.decode()
    client.post(url("free_mail_domain_delete", pk=entry.pk))
    assert not FreeMailDomain.objects.filter(domain="webmail.example").exists()
    assert AuditEvent.objects.filter(verb="jobboard.free_mail_removed").exists()
    history = client.get(url("free_mail_domains")).content.decode()
    assert "Free-mail domain removed" in history and "webmail.example" in history


def test_only_the_regulator_edits_the_list(client, sam, alice):
    entry = FreeMailDomain.objects.get(domain="gmail.com")
    for user in (sam, alice):
        client.force_login(user)
        assert client.get(url("free_mail_domains")).status_code == 403
        assert client.post(url("free_mail_domains"), {"domain": "a.example"}).status_code == 403
        assert client.post(url("free_mail_domain_delete", pk=entry.pk)).status_code == 403
    assert FreeMailDomain.objects.filter(domain="gmail.com").exists()
    assert not FreeMailDomain.objects.filter(domain="a.example").exists()


# --- The tabs ---------------------------------------------------------------------------------


@pytest.fixture
def employer(db):
    return UserFactory(email="nadia@genie-nordique.ca", first_name="Nadia", language="en")


@pytest.fixture
def company(db):
    """An active company with a job-board group whose principal manager is Paul."""
    organisation = OrganisationFactory(
        legal_name="Génie Nordique inc.", registry_number="1170001111"
    )
    group = GroupFactory(organisation=organisation)
    paul = UserFactory(email="paul@genie-nordique.ca", first_name="Paul", language="en")
    make_member(paul, group, ["manager"])
    return group


def test_search_by_neq_shows_users_postal_code_and_duplicates_side_by_side(
    client, employer, company
):
    OrganisationFactory(
        legal_name="GENIE NORDIQUE INC",
        registry_number="1170001111",
        imported=True,
        postal_code="G1R 9Z9",
    )
    OrganisationFactory(legal_name="Autre entreprise", registry_number="1170002222")
    client.force_login(employer)
    response = client.get(url("onboarding_company"), {"q": "1170 001 111"})
    rows = response.context["rows"]
    assert [r.organisation.legal_name for r in rows] == [
        "Génie Nordique inc.",
        "GENIE NORDIQUE INC",
    ]
    assert rows[0].organisation.has_users and not rows[1].organisation.has_users
    assert rows[1].duplicate_of == rows[0].organisation
    page = response.content.decode()
    assert "G1R 9Z9" in page and "possible duplicate" in page and "imported record" in page
    by_name = client.get(url("onboarding_company"), {"q": "nordique"}).context["rows"]
    assert {r.organisation.registry_number for r in by_name} == {"1170001111"}


def test_join_an_existing_group_end_to_end(
    client, employer, company, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(employer)
    client.get(url("onboarding"))
    client.post(url("onboarding_company"), {"organisation": company.organisation_id})
    details = client.get(url("onboarding_details"))
    assert details.context["form"].initial["legal_name"] == "Génie Nordique inc."  # pre-filled
    assert client.post(url("onboarding_details"), COMPANY).status_code == 302
    about = client.post(url("onboarding_about"), {**ABOUT, "group": str(company.pk)})
    assert about.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("onboarding_confirm"))
    assert response.status_code == 302
    membership = Membership.objects.get(user=employer, group=company)
    assert membership.status == "requested"
    assert "Directrice RH" in membership.message and "#12" in membership.message
    # The correction, for the principal manager, in the reader's language (issue 17).
    with translation.override("en"):
        assert "postal code: G1R 2J7" in membership.display_message
    assert "code postal\u00a0: G1R 2J7" in membership.message
    application = EmployerApplication.objects.get(user=employer)
    assert application.state == "submitted" and application.membership == membership
    assert EmployerPerson.objects.get(user=employer).job_title == "Directrice RH"
    subjects = {(m.to[0], m.subject) for m in mailoutbox}
    assert ("nadia@genie-nordique.ca", "Your request is awaiting approval") in subjects
    assert any(to == "paul@genie-nordique.ca" for to, _subject in subjects)  # the principal
    status = client.get(url("onboarding"))
    assert "Awaiting approval" in status.content.decode()
    # No second request while this one waits.
    assert (
        client.get(url("onboarding_company"), follow=True)
        .redirect_chain[-1][0]
        .endswith(url("employer_home"))
    )


def test_new_group_in_an_imported_company_is_approved_by_the_regulator(
    client, employer, dana, django_capture_on_commit_callbacks, mailoutbox
):
    imported = OrganisationFactory(
        legal_name="GENIE NORDIQUE INC",
        registry_number="1170003333",
        imported=True,
        postal_code="",
        phone="",
    )
    client.force_login(employer)
    client.post(url("onboarding_company"), {"organisation": imported.pk})
    client.post(url("onboarding_details"), COMPANY)
    client.post(url("onboarding_about"), {**ABOUT, "group": "new"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("onboarding_confirm"))
    group = Group.objects.get(organisation=imported)
    assert (group.name, group.status, group.service) == ("Group 001", "pending", "jobboard")
    imported.refresh_from_db()
    assert imported.postal_code == "G1R 2J7" and imported.phone == "418-555-0150"  # blanks
    assert imported.legal_name == "GENIE NORDIQUE INC"  # a filled field is never overwritten
    review = Review.objects.get(subject_id=group.pk, kind="portal.group_request")
    assert review.staff_role == "regulator"
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(review=review, actor=dana, decision="approve")
    membership = Membership.objects.get(user=employer, group=group)
    assert membership.status == "active" and membership.roles == ["manager"]


def test_next_group_gets_the_next_number(client, employer, company):
    client.force_login(employer)
    client.post(url("onboarding_company"), {"organisation": company.organisation_id})
    client.post(url("onboarding_details"), COMPANY)
    client.post(url("onboarding_about"), {**ABOUT, "group": "new"})
    client.post(url("onboarding_confirm"))
    assert Group.objects.filter(organisation=company.organisation, name="Group 002").exists()


def test_request_a_new_company(client, employer, dana):
    client.force_login(employer)
    form = client.get(url("onboarding_details") + "?new=1")
    assert "registry_number" in form.context["form"].fields
    bad = client.post(url("onboarding_details") + "?new=1", {**COMPANY, "registry_number": "12"})
    assert "10 digits" in bad.content.decode()
    client.post(url("onboarding_details") + "?new=1", {**COMPANY, "registry_number": "1170004444"})
    client.post(url("onboarding_about"), {**ABOUT, "group": "new"})
    client.post(url("onboarding_confirm"))
    organisation = Organisation.objects.get(registry_number="1170004444")
    assert organisation.status == "pending"
    assert Review.objects.filter(
        kind="portal.organisation_request", staff_role="regulator"
    ).exists()
    assert Membership.objects.get(user=employer).status == "requested"


@pytest.mark.parametrize(
    "blank",
    ["legal_name", "street_address", "city", "province", "country", "postal_code", "company_phone"],
)
def test_each_mandatory_company_field_is_required(client, employer, company, blank):
    client.force_login(employer)
    client.post(url("onboarding_company"), {"organisation": company.organisation_id})
    response = client.post(url("onboarding_details"), {**COMPANY, blank: ""})
    assert response.status_code == 200
    assert blank in response.context["form"].errors
    application = EmployerApplication.objects.get(user=employer)
    assert not application.company_confirmed  # nothing half-saved
    # Sending is refused while a tab is missing.
    client.post(url("onboarding_confirm"))
    assert not Membership.objects.filter(user=employer).exists()


def test_bad_postal_code_and_phone_are_explained(client, employer, company):
    client.force_login(employer)
    client.post(url("onboarding_company"), {"organisation": company.organisation_id})
    response = client.post(
        url("onboarding_details"), {**COMPANY, "postal_code": "123", "company_phone": "12"}
    )
    errors = response.context["form"].errors
    assert "postal code" in str(errors["postal_code"]) and "10 to 15 digits" in str(
        errors["company_phone"]
    )


def test_a_group_of_another_company_cannot_be_joined(client, employer, company, world):
    client.force_login(employer)
    client.post(url("onboarding_company"), {"organisation": company.organisation_id})
    client.post(url("onboarding_details"), COMPANY)
    response = client.post(url("onboarding_about"), {**ABOUT, "group": str(world.acme.pk)})
    assert response.status_code == 200 and "group" in response.context["form"].errors
    assert not EmployerApplication.objects.get(user=employer).about_done


def test_an_inactive_company_cannot_be_chosen(client, employer):
    pending = OrganisationFactory(status="pending")
    client.force_login(employer)
    assert client.post(url("onboarding_company"), {"organisation": pending.pk}).status_code == 404
    assert client.post(url("onboarding_company"), {"organisation": "x"}).status_code == 404


def test_the_user_resumes_where_they_left(client, employer, company):
    client.force_login(employer)
    assert client.get(url("onboarding")).url == url("onboarding_company")
    for name in ("onboarding_company", "onboarding_details", "onboarding_about"):
        client.get(url(name))
    assert client.get(url("onboarding_confirm")).status_code == 200
    assert not EmployerApplication.objects.exists()  # pages read; only a POST saves
    client.post(url("onboarding_company"), {"organisation": company.organisation_id})
    assert client.get(url("onboarding")).url == url("onboarding_details")
    client.post(url("onboarding_details"), COMPANY)
    client.logout()
    client.force_login(employer)
    assert client.get(url("onboarding")).url == url("onboarding_about")
    client.post(url("onboarding_about"), {**ABOUT, "group": str(company.pk)})
    assert client.get(url("onboarding")).url == url("onboarding_confirm")
    assert EmployerApplication.objects.filter(user=employer).count() == 1


# --- C1: the e-mail is locked once tied --------------------------------------------------------


def _reauthenticated(client, user):
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})


def test_email_can_change_before_the_account_is_tied(client, employer):
    _reauthenticated(client, employer)
    client.post(reverse("account_email"), {"action_add": "", "email": "nadia@other.ca"})
    assert EmailAddress.objects.filter(user=employer, email="nadia@other.ca").exists()


def test_email_change_is_refused_once_tied(client, employer, company):
    pending = EmailAddress.objects.create(user=employer, email="old-change@other.ca")
    make_member(employer, company, [], status="requested")
    _reauthenticated(client, employer)
    page = client.get(reverse("account_email"))
    assert "cannot be changed" in page.content.decode()
    for data in (
        {"action_add": "", "email": "nadia@other.ca"},
        {"action_remove": "", "email": employer.email},
        {"action_primary": "", "email": "old-change@other.ca"},
    ):
        response = client.post(reverse("account_email"), data, follow=True)
        assert "cannot be changed" in response.content.decode()
    employer.refresh_from_db()
    assert employer.email == "nadia@genie-nordique.ca"
    assert not EmailAddress.objects.filter(email="nadia@other.ca").exists()
    assert EmailAddress.objects.filter(user=employer, email=employer.email).exists()
    # A change started before the lock is not completed by its confirmation link.
    from allauth.account.models import EmailConfirmationHMAC

    key = EmailConfirmationHMAC.create(pending).key
    client.post(reverse("account_confirm_email", args=[key]))
    employer.refresh_from_db()
    pending.refresh_from_db()
    assert employer.email == "nadia@genie-nordique.ca" and not pending.verified


def test_other_services_do_not_lock_the_email(client, employer):
    make_member(employer, GroupFactory(service="permits"), ["manager"])
    _reauthenticated(client, employer)
    client.post(reverse("account_email"), {"action_add": "", "email": "nadia@other.ca"})
    assert EmailAddress.objects.filter(user=employer, email="nadia@other.ca").exists()


# --- The landing and the dashboard ------------------------------------------------------------


def test_home_offers_the_employer_entry(client, employer, company):
    page = client.get(url("employer_home")).content.decode()
    assert "Create an employer account" in page and url("signup") in page
    client.force_login(employer)
    assert url("onboarding") in client.get(url("employer_home")).content.decode()
    make_member(employer, company, ["jobboard.posting_manager"])
    page = client.get(url("employer_home")).content.decode()
    assert url("dashboard", group_id=company.pk) in page  # the employer space's home
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert url("home") in dashboard


# --- Who decides on a join request ------------------------------------------------------------


def _sent_join_request(client, employer, company) -> Membership:
    client.force_login(employer)
    client.post(url("onboarding_company"), {"organisation": company.organisation_id})
    client.post(url("onboarding_details"), COMPANY)
    client.post(url("onboarding_about"), {**ABOUT, "group": str(company.pk)})
    client.post(url("onboarding_confirm"))
    return Membership.objects.get(user=employer, group=company)


@pytest.mark.parametrize("role", ["jobboard.posting_manager", "jobboard.finance_manager"])
def test_a_join_request_is_not_decided_by_another_role(client, employer, company, role):
    membership = _sent_join_request(client, employer, company)
    colleague = UserFactory()
    make_member(colleague, company, [role])
    client.force_login(colleague)
    decide = reverse("membership_decide", args=[company.pk, membership.pk])
    assert client.post(decide, {"decision": "approve"}).status_code == 403
    membership.refresh_from_db()
    assert membership.status == "requested"


def test_a_join_request_is_not_decided_by_a_foreign_manager(client, employer, company, world):
    membership = _sent_join_request(client, employer, company)
    client.force_login(world.charlie)
    for group_id in (company.pk, world.globex.pk):
        decide = reverse("membership_decide", args=[group_id, membership.pk])
        assert client.post(decide, {"decision": "approve"}).status_code == 404
    membership.refresh_from_db()
    assert membership.status == "requested"


def test_the_principal_approves_with_a_role_and_the_user_is_told(
    client, employer, company, django_capture_on_commit_callbacks, mailoutbox
):
    membership = _sent_join_request(client, employer, company)
    principal = Membership.objects.get(group=company, roles=["manager"]).user
    client.force_login(principal)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("membership_decide", args=[company.pk, membership.pk]),
            {"decision": "approve"},
        )
        client.post(
            reverse("membership_roles", args=[company.pk, membership.pk]),
            {f"m{membership.pk}-roles": ["jobboard.posting_manager"]},
        )
    membership.refresh_from_db()
    assert membership.status == "active" and membership.roles == ["jobboard.posting_manager"]
    assert any(m.to == [employer.email] for m in mailoutbox)
    client.force_login(employer)
    assert "Approved" in client.get(url("onboarding")).content.decode()
