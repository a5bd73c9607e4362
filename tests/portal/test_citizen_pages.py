"""What a citizen sees (issue 12, item 7): footer pages in both languages, the footer's
contact, a favicon, the home page's sign-up link per service, one "My groups" in the
header, required-field asterisks, no "validated" look after a search."""

import pytest

from matching.models import ProfileState
from tests.factories import make_member
from tests.licensing.helpers import company
from tests.matching import helpers as matching

pytestmark = pytest.mark.django_db

PAGES = {
    "privacy": {"en": "Privacy notice", "fr": "Avis de confidentialité"},
    "accessibility": {"en": "Accessibility statement", "fr": "Déclaration d’accessibilité"},
    "terms": {"en": "Terms of use", "fr": "Conditions d’utilisation"},
}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("page", list(PAGES))
def test_footer_pages_exist_in_both_languages(client, lang, page):
    response = client.get(f"/{lang}/{page}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<h1 class="h2">{PAGES[page][lang]}</h1>' in html
    for other in PAGES.values():  # every footer links all three
        assert other[lang] in html


def test_layout_has_favicon_contact_and_service_identity(client, alice):
    html = client.get("/en/").content.decode()
    assert 'rel="icon"' in html and "favicon.svg" in html
    assert "support@portal.example" in html
    group = company()
    make_member(alice, group, ["manager"])
    client.force_login(alice)
    page = client.get(f"/en/licensing/groups/{group.pk}/").content.decode()
    assert 'data-testid="service-identity"' in page and "Mine supervisor certification" in page
    assert "MiningCertification@wsc.nt.ca" in page  # the service's own office


@pytest.mark.parametrize(
    "lang,label", [("en", "Sign up for this service"), ("fr", "S’inscrire à ce service")]
)
def test_anonymous_home_links_each_services_sign_up(client, lang, label):
    html = client.get(f"/{lang}/").content.decode()
    for key in ("matching", "licensing", "permits"):
        assert f'data-testid="signup-{key}"' in html
    assert f"/{lang}/accounts/signup/?next=/{lang}/licensing/" in html
    assert label in html


def test_my_groups_once_in_the_header(client, alice):
    make_member(alice, company(), ["manager"])
    client.force_login(alice)
    html = client.get("/en/dashboard/").content.decode()
    header = html.split("<main")[0]
    assert header.count("My groups") == 1 and "Switch group" in header


def test_required_fields_are_marked(client, alice):
    client.force_login(alice)
    html = client.get("/en/licensing/companies/new/").content.decode()
    assert "marked with an asterisk" in html
    assert 'class="mb-3 required"' in html


def test_search_form_not_styled_as_validated(client):
    owner = matching.owner(state=ProfileState.ACTIVE)
    owner.group.organisation.status = "active"
    owner.group.organisation.save()
    client.force_login(owner.group.memberships.get().user)
    html = client.get("/en/matching/search/?region=&credential_type=").content.decode()
    assert "is-valid" not in html


def test_submitting_without_the_agreement_says_to_tick_it(client, alice):
    matching.operator(alice, state=ProfileState.DRAFT)
    client.force_login(alice)
    response = client.post("/en/matching/operator/agreement/", {}, follow=True)
    assert "Tick the user agreement box to submit your profile." in response.content.decode()


def test_owner_agreement_is_written_for_owners(client):
    owner = matching.owner(state=ProfileState.DRAFT)
    client.force_login(owner.group.memberships.get().user)
    html = client.get("/en/matching/owner/profile/").content.decode()
    assert "User agreement for system owners" in html
    assert "shown to verified system owners" not in html


def test_a_new_owner_has_one_status(client):
    owner = matching.owner(state=ProfileState.DRAFT)
    owner.group.organisation.status = "pending"
    owner.group.organisation.save()
    client.force_login(owner.group.memberships.get().user)
    html = client.get("/en/matching/owner/").content.decode()
    assert html.count('data-testid="profile-state"') == 1
    assert "Organisation awaiting approval" in html
