"""Issue 17, job board (seed 002), items 1-6: the seams between the portal and the job site,
between roles, and between the guide's steps. Each test failed before its change."""

import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation

from billing.models import Product
from billing.services import cart_set
from jobboard.employer import services as onboarding
from jobboard.employer.models import EmployerApplication
from jobboard.errors import JobboardError
from jobboard.postings import services
from jobboard.postings.models import Posting
from jobboard.postings.next_steps import RESUME_KEY
from portal.models import AuditEvent, Group, Membership, Review
from portal.services.reviews import review_decide
from tests.factories import PASSWORD, GroupFactory, OrganisationFactory, UserFactory, make_member
from tests.jobboard.helpers import ABOUT, COMPANY
from tests.jobboard.page_helpers import live_posting
from tests.jobboard.postings_helpers import complete_posting, open_review, ready_group, submitted
from tests.utils import last_email_to, link_in, path_of

pytestmark = pytest.mark.django_db
S = Posting.State
FINANCE = "jobboard.finance_manager"
POSTING_MANAGER = "jobboard.posting_manager"


def url(name: str, *args, lang: str = "en", query: str = "") -> str:
    with translation.override(lang):
        return reverse(name, args=args or None) + (f"?{query}" if query else "")


def hrefs(html: str, testid: str) -> list[str]:
    return re.findall(rf'href="([^"]+)"[^>]*data-testid="{re.escape(testid)}"', html)


def employer_menu(html: str) -> list[str]:
    """The links of the employer space's left menu."""
    nav = re.search(r'<ul class="nav nav-pills flex-column employer-menu">(.*?)</ul>', html, re.S)
    assert nav, "no employer menu"
    return re.findall(r'href="([^"]+)"', nav.group(1))


@pytest.fixture
def group(alice):
    return ready_group(alice)


# --- 1. One entry per audience ----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_portal_home_sends_seekers_to_the_job_site_and_employers_to_their_space(client, lang):
    page = client.get(url("home", lang=lang)).content.decode()
    assert hrefs(page, "entry-jobboard-seekers") == [url("jobboard:home", lang=lang)]
    assert hrefs(page, "entry-jobboard-employers") == [url("jobboard:employer_home", lang=lang)]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_dashboard_sends_seekers_to_the_job_site_and_employers_to_their_space(client, alice, lang):
    client.force_login(alice)
    page = client.get(url("dashboard", lang=lang)).content.decode()
    assert hrefs(page, "entry-jobboard-seekers") == [url("jobboard:home", lang=lang)]
    assert hrefs(page, "entry-jobboard-employers") == [url("jobboard:employer_home", lang=lang)]


@pytest.mark.parametrize("name", ["jobboard:home", "jobboard:search", "jobboard:employer_home"])
def test_the_job_site_header_leads_to_the_job_site_home(client, name):
    page = client.get(url(name, lang="fr")).content.decode()
    identity = re.search(r'data-testid="service-identity".*?href="([^"]+)"', page, re.S)
    assert identity and identity.group(1) == url("jobboard:home", lang="fr")
    assert "Emplois en génie" in page


def test_sign_in_from_the_job_site_comes_back_to_it(client, alice):
    search = url("jobboard:search", lang="fr", query="q=pont")
    page = client.get(search).content.decode()
    login = url("account_login", lang="fr")
    link = re.search(rf'href="({re.escape(login)}[^"]*)"', page).group(1)
    assert link == f"{login}?next=/fr/jobs/search/%3Fq%3Dpont"
    response = client.post(link, {"login": alice.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/fr/jobs/search/?q=pont"


# --- 2. The cart link -------------------------------------------------------------------------


def test_the_cart_link_shows_the_count_on_employer_and_billing_pages(client, group, alice):
    product = Product.objects.get(code=services.PRODUCT_FOR_CREDIT[services.ENGINEER])
    cart_set(group=group, product=product, quantity=2, actor=alice)
    client.force_login(alice)
    checkout = url("billing:checkout", group.pk)
    for page_url in (
        url("jobboard:dashboard", group.pk),
        url("jobboard:company", group.pk),
        checkout,
        url("billing:history", group.pk),
    ):
        page = client.get(page_url).content.decode()
        assert hrefs(page, "cart-link") == [checkout], page_url
        assert re.search(r'data-testid="cart-count">2<', page), page_url


def test_no_cart_link_for_a_member_who_may_not_buy(client, group):
    member = UserFactory()
    make_member(member, group, [])
    client.force_login(member)
    page = client.get(url("jobboard:company", group.pk)).content.decode()
    assert 'data-testid="cart-link"' not in page


# --- 3. Each role's menu opens --------------------------------------------------------------


@pytest.mark.parametrize("roles", [[FINANCE], [POSTING_MANAGER], ["manager"], []])
def test_every_employer_menu_link_opens_for_the_role_that_sees_it(client, group, roles):
    member = UserFactory()
    make_member(member, group, roles)
    client.force_login(member)
    company = url("jobboard:company", group.pk)
    links = employer_menu(client.get(company).content.decode())
    assert links
    for link in links:
        assert client.get(link).status_code == 200, (roles, link)


def test_the_finance_manager_sees_no_dashboard_nor_postings(client, group):
    finance = UserFactory()
    make_member(finance, group, [FINANCE])
    client.force_login(finance)
    links = employer_menu(client.get(url("jobboard:company", group.pk)).content.decode())
    assert url("jobboard:dashboard", group.pk) not in links
    assert url("jobboard:postings", group.pk) not in links
    assert url("billing:history", group.pk) in links and url("jobboard:buy", group.pk) in links


# --- 4. A company without users: a new group, approved by the regulator ----------------------


@pytest.fixture
def nobody_company(db):
    """A company whose job-board group has no active principal manager (« Non »)."""
    organisation = OrganisationFactory(
        legal_name="Génie Orphelin inc.", registry_number="1170009999"
    )
    group = GroupFactory(organisation=organisation)
    left = UserFactory()
    make_member(left, group, ["manager"], status="removed")
    return group


def test_no_existing_group_is_offered_without_a_principal_manager(client, nobody_company, dana):
    employer = UserFactory(email="nadia@genie-orphelin.ca")
    client.force_login(employer)
    client.post(
        url("jobboard:onboarding_company"), {"organisation": nobody_company.organisation_id}
    )
    assert EmployerApplication.objects.get(user=employer).path == "new_group"
    client.post(url("jobboard:onboarding_details"), COMPANY)
    about = client.get(url("jobboard:onboarding_about"))
    choices = [value for value, _label in about.context["form"].fields["group"].choices]
    assert choices == ["new"]
    # Posted anyway: refused with the reason; the new group goes to the regulator.
    refused = client.post(
        url("jobboard:onboarding_about"), {**ABOUT, "group": str(nobody_company.pk)}
    )
    assert refused.status_code == 200 and "group" in refused.context["form"].errors
    with pytest.raises(JobboardError, match="no principal manager"):
        onboarding.application_save_about(
            application=EmployerApplication.objects.get(user=employer),
            phone=ABOUT["phone"],
            phone_extension="",
            job_title=ABOUT["job_title"],
            group=nobody_company,
        )
    client.post(url("jobboard:onboarding_about"), {**ABOUT, "group": "new"})
    client.post(url("jobboard:onboarding_confirm"))
    new_group = Group.objects.get(organisation=nobody_company.organisation, status="pending")
    review = Review.objects.get(subject_id=new_group.pk, kind="portal.group_request")
    assert review.staff_role == "regulator" and review.state == "open"
    assert not Membership.objects.filter(user=employer, group=nobody_company).exists()


def test_a_join_request_is_refused_once_the_principal_manager_has_left(client, nobody_company):
    """Chosen while the group had its manager, sent after they left: never stuck."""
    employer = UserFactory()
    EmployerApplication.objects.create(
        user=employer,
        organisation=nobody_company.organisation,
        group=nobody_company,
        path="join_group",
        company_confirmed=True,
        about_done=True,
        **{k: v for k, v in COMPANY.items()},
        phone=ABOUT["phone"],
        job_title=ABOUT["job_title"],
    )
    client.force_login(employer)
    response = client.post(url("jobboard:onboarding_confirm"), follow=True)
    assert "no principal manager" in response.content.decode()
    assert not Membership.objects.filter(user=employer).exists()


# --- 5. The regulator's change request ------------------------------------------------------


@pytest.fixture
def to_revise(group, alice, dana, django_capture_on_commit_callbacks):
    posting = submitted(group, alice)
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(
            review=open_review(posting),
            actor=dana,
            decision="request_changes",
            note="Précisez les tâches.",
        )
    posting.refresh_from_db()
    assert posting.state == S.TO_REVISE
    return posting


def test_the_revise_screen_and_the_dashboard_show_the_note(client, group, alice, to_revise):
    client.force_login(alice)
    step = client.get(url("jobboard:posting_step", group.pk, to_revise.pk, "details"))
    assert 'data-testid="revision-note"' in step.content.decode()
    assert "Précisez les tâches." in step.content.decode()
    dashboard = client.get(url("jobboard:dashboard", group.pk)).content.decode()
    section = dashboard.split('data-testid="to-revise"')[1].split("</section>")[0]
    assert "Précisez les tâches." in section
    assert url("jobboard:posting_step", group.pk, to_revise.pk, "details") in section


def test_the_decision_email_links_to_the_posting(alice, to_revise, group):
    message = last_email_to(alice.email)
    link = link_in(message.body, "/postings/")
    expected = url("jobboard:posting_detail", group.pk, to_revise.pk, lang=alice.language)
    assert path_of(link) == expected


def test_the_history_shows_the_note_once(client, group, alice, to_revise):
    posting_type = ContentType.objects.get_for_model(Posting)
    notes = AuditEvent.objects.filter(
        subject_type=posting_type, subject_id=to_revise.pk, note="Précisez les tâches."
    )
    assert notes.count() == 1
    client.force_login(alice)
    page = client.get(url("jobboard:posting_detail", group.pk, to_revise.pk)).content.decode()
    history = page.split('id="history-heading"')[1]
    assert history.count("Précisez les tâches.") == 1


# --- 6. Smaller seams -------------------------------------------------------------------------


def test_the_first_purchase_starts_from_the_company_address(client, group, alice):
    product = Product.objects.get(code=services.PRODUCT_FOR_CREDIT[services.ENGINEER])
    cart_set(group=group, product=product, quantity=1, actor=alice)
    client.force_login(alice)
    form = client.get(url("billing:checkout", group.pk)).context["form"]
    organisation = group.organisation
    assert form.initial["address"] == "new"
    assert form.initial["name"] == organisation.legal_name
    assert form.initial["street_address"] == organisation.street_address
    assert form.initial["postal_code"] == organisation.postal_code


def test_the_purchase_confirmation_offers_to_resume_or_create(client, settings, group, alice):
    settings.BILLING_TEST_PAYMENTS = True
    draft = complete_posting(group, alice, step="package")
    client.force_login(alice)
    # The package step puts the missing package in the cart and remembers the draft.
    client.post(url("jobboard:posting_step", group.pk, draft.pk, "package"), {"buy": "1"})
    assert client.session[RESUME_KEY] == draft.pk
    checkout = client.get(url("billing:checkout", group.pk)).context["form"].initial
    response = client.post(url("billing:checkout", group.pk), {**checkout})
    review = response["Location"]
    done = client.post(review, {"method": "test", "terms": "on"}, follow=True)
    page = done.content.decode()
    steps = page.split('data-testid="next-steps"')[1].split("</div>")[0]
    assert url("jobboard:posting_resume", group.pk, draft.pk) in steps
    assert url("jobboard:posting_create", group.pk) in steps
    # The billing pages keep the employer menu.
    assert url("jobboard:postings", group.pk) in employer_menu(page)


def test_the_terms_checkbox_links_to_the_terms(client, settings, group, alice):
    settings.BILLING_TEST_PAYMENTS = True
    product = Product.objects.get(code=services.PRODUCT_FOR_CREDIT[services.ENGINEER])
    cart_set(group=group, product=product, quantity=1, actor=alice)
    client.force_login(alice)
    checkout = client.get(url("billing:checkout", group.pk)).context["form"].initial
    review = client.post(url("billing:checkout", group.pk), {**checkout})["Location"]
    page = client.get(review).content.decode()
    assert hrefs(page, "terms-link") == [url("terms")]


def test_duplicate_keeps_a_deadline_still_ahead(group, alice):
    ahead = timezone.localdate() + datetime.timedelta(days=20)
    copy = services.posting_duplicate(
        posting=complete_posting(group, alice, apply_deadline=ahead), actor=alice
    )
    assert copy.apply_deadline == ahead
    past = complete_posting(group, alice, apply_deadline=timezone.localdate())
    Posting.objects.filter(pk=past.pk).update(apply_deadline=ahead - datetime.timedelta(days=60))
    past.refresh_from_db()
    assert services.posting_duplicate(posting=past, actor=alice).apply_deadline is None


def test_a_scheduled_posting_shows_its_publication_date(client, group, alice):
    publish_on = timezone.localdate() + datetime.timedelta(days=10)
    complete_posting(group, alice, state=S.SCHEDULED, publish_mode="on_date", publish_on=publish_on)
    client.force_login(alice)
    page = client.get(url("jobboard:postings", group.pk)).content.decode()
    # The date reads in the page's language (« 16 décembre 2026 »), not « — ».
    shown = re.search(r'data-testid="publish-on">([^<]*)<', page)
    assert shown and str(publish_on.year) in shown.group(1)
    assert re.search(rf"\b{publish_on.day}(er)?\b", shown.group(1))


def test_the_apply_form_is_filled_in_for_a_signed_in_seeker(client, group, alice):
    posting = live_posting(group, alice, apply_mode="email", apply_email="rh@ponts.example.org")
    seeker = UserFactory(email="sofia@example.org", first_name="Sofia", last_name="Gagnon")
    client.force_login(seeker)
    form = client.get(url("jobboard:job_apply", posting.pk)).context["form"]
    assert form.initial == {"name": "Sofia Gagnon", "email": "sofia@example.org"}
    client.logout()
    assert client.get(url("jobboard:job_apply", posting.pk)).context["form"].initial == {}


def test_the_urgent_approval_sentence_gives_the_address(client):
    client.force_login(UserFactory(email="nadia@genie-nordique.ca"))
    page = client.get(url("jobboard:onboarding_confirm")).content.decode()
    assert re.search(r'data-testid="urgent-contact">.*mailto:jobs@example.org', page)


@pytest.mark.parametrize(
    ("signup", "wanted"),
    [
        ("account_signup", "/fr/jobs/employer/"),  # the portal home's « S'inscrire » ?next=
        ("jobboard:signup", "/fr/jobs/employer/onboarding/"),  # the employer entry
    ],
)
def test_the_page_asked_for_before_sign_up_follows_the_email_confirmation(
    client, django_capture_on_commit_callbacks, signup, wanted
):
    query = "next=/fr/jobs/employer/" if signup == "account_signup" else ""
    data = {
        "email": "nadia@genie-nordique.ca",
        "first_name": "Nadia",
        "last_name": "Roy",
        "password1": "a-long-new-password",
        "password2": "a-long-new-password",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url(signup, lang="fr", query=query), data).status_code == 302
    confirm = path_of(link_in(last_email_to("nadia@genie-nordique.ca").body, "confirm-email"))
    response = client.post(confirm)
    login = url("account_login", lang="fr")
    assert response["Location"] == f"{login}?next={wanted.replace('/', '%2F')}"
    signed_in = client.post(
        response["Location"],
        {"login": "nadia@genie-nordique.ca", "password": "a-long-new-password"},
    )
    assert signed_in["Location"] == wanted
