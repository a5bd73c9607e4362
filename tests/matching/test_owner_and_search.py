"""M6, M7, M9: owner registration and verification, search refusals, eligibility in the
query, detail page, saved searches and their alerts, query counts."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from matching.models import Facility, OwnerProfile, ProfileState, SavedSearch
from matching.services import (
    OWNER_REVIEW,
    MatchingError,
    operator_availability_save,
    owner_facility_save,
    owner_submit,
    owner_withdraw,
)
from portal.models import Organisation, Review
from portal.services.reviews import review_decide
from tests.factories import UserFactory
from tests.matching import helpers

pytestmark = pytest.mark.django_db
S = ProfileState


@pytest.fixture
def officer(db):
    return UserFactory(email="office@example.org", staff_role="accreditation_office")


def test_owner_journey(client, english_user, officer, django_capture_on_commit_callbacks):
    client.force_login(english_user)
    response = client.post(
        "/en/matching/owner/signup/",
        {
            "kind": "first_nation",
            "legal_name": "Neskantaga First Nation",
            "street_address": "1 Main",
            "city": "Neskantaga",
            "postal_code": "P0T 1B0",
            "phone": "807-555-0199",
        },
    )
    assert response.status_code == 302
    profile = OwnerProfile.objects.get()
    organisation = profile.group.organisation
    assert organisation.status == Organisation.Status.PENDING and organisation.province == "ON"
    # The facility dialog.
    saved = client.post(
        "/en/matching/owner/facilities/new/",
        {"certificate_number": "220009999", "name": "Water plant"},
        HTTP_HX_REQUEST="true",
    )
    assert saved.status_code == 204
    duplicate = client.post(
        "/en/matching/owner/facilities/new/", {"certificate_number": "220009999", "name": "Again"}
    )
    assert duplicate.status_code == 422
    client.post("/en/matching/owner/agreement/", {"agree": "on"})
    profile.refresh_from_db()
    assert profile.state == S.SUBMITTED
    # Not searchable before verification.
    assert client.get("/en/matching/search/").status_code == 403
    review = Review.objects.get(kind=OWNER_REVIEW)
    with pytest.raises(MatchingError):  # the organisation itself is not approved yet
        review_decide(review=review, actor=officer, decision="approve")
    org_review = Review.objects.get(kind="portal.organisation_request")
    review_decide(review=org_review, actor=officer, decision="approve")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(review=Review.objects.get(pk=review.pk), actor=officer, decision="approve")
    profile.refresh_from_db()
    assert profile.state == S.ACTIVE
    assert [m.to for m in mail.outbox] == [[english_user.email]]
    assert "active" in mail.outbox[0].subject
    assert client.get("/en/matching/search/").status_code == 200


def test_owner_registers_an_existing_group(client, alice):
    from tests.factories import GroupFactory, make_member

    group = GroupFactory(service="matching")
    make_member(alice, group, ["manager"])
    client.force_login(alice)
    page = client.get("/en/matching/owner/signup/")
    assert group.organisation.legal_name.encode() in page.content
    client.post("/en/matching/owner/signup/", {"group": group.pk})
    assert OwnerProfile.objects.get().group == group


def test_owner_cannot_register_a_group_they_do_not_manage(client, alice, charlie):
    from tests.factories import GroupFactory, make_member

    group = GroupFactory(service="matching")
    make_member(charlie, group, ["manager"])
    client.force_login(alice)
    assert client.post("/en/matching/owner/signup/", {"group": group.pk}).status_code == 403
    assert not OwnerProfile.objects.exists()


def test_owner_submission_needs_a_facility_and_locks(alice):
    profile = helpers.owner(alice, state=S.DRAFT, facilities=0)
    with pytest.raises(MatchingError):
        owner_submit(profile=profile, actor=alice)
    owner_facility_save(
        profile=profile, actor=alice, facility=None, certificate_number="1", name="A"
    )
    owner_submit(profile=profile, actor=alice)
    with pytest.raises(MatchingError):
        owner_facility_save(
            profile=profile, actor=alice, facility=None, certificate_number="2", name="B"
        )
    owner_withdraw(profile=profile, actor=alice)
    assert Review.objects.get(kind=OWNER_REVIEW).state == Review.State.WITHDRAWN
    assert Facility.objects.count() == 1


@pytest.mark.parametrize("state", [S.DRAFT, S.SUBMITTED, S.REFUSED])
def test_unverified_owner_cannot_search(client, alice, state):
    helpers.owner(alice, state=state)
    client.force_login(alice)
    assert client.get("/en/matching/search/").status_code == 403
    op = helpers.operator()
    assert client.get(f"/en/matching/operators/{op.pk}/").status_code == 403


def test_operator_cannot_search_or_see_owners(client, alice):
    helpers.operator(alice)
    client.force_login(alice)
    assert client.get("/en/matching/search/").status_code == 403
    assert client.post("/en/matching/search/save/", {"name": "x"}).status_code == 403
    assert client.get("/en/matching/owner/").status_code == 302  # to owner sign-up, nothing shown


def test_suspended_organisation_cannot_search(client, alice):
    profile = helpers.owner(alice)
    Organisation.objects.filter(pk=profile.group.organisation_id).update(status="suspended")
    client.force_login(alice)
    assert client.get("/en/matching/search/").status_code == 403


@pytest.fixture
def searching(client, alice):
    helpers.owner(alice)
    client.force_login(alice)
    return client


def _ids(response):
    return {operator.pk for operator in response.context["page"]}


def test_search_filters_and_eligibility(searching):
    nw, ne = helpers.region("northwestern"), helpers.region("northeastern")
    good = helpers.operator(regions=[nw.pk], class_code="III")
    other_region = helpers.operator(regions=[ne.pk], class_code="III")
    unavailable = helpers.operator(available=False, class_code="III")
    pending = helpers.operator(state=S.SUBMITTED, class_code="III")
    expired = helpers.operator(class_code="III", expires=helpers.in_days(-1))  # not swept yet
    not_in_registry = helpers.operator(class_code="III", registry=False)
    registry_differs = helpers.operator(number="DW-DIFF", class_code="III", registry=False)
    helpers.registry_row("DW-DIFF", class_code="I")
    night_only = helpers.operator(class_code="III", shift="night")
    weekend = helpers.operator(class_code="III", days=(6, 7))
    wastewater = helpers.operator(type_code=helpers.WW, class_code="III")
    params = {
        "region": nw.pk,
        "credential_type": helpers.ctype().pk,
        "credential_class": helpers.cclass("III").pk,
    }
    found = _ids(searching.get("/en/matching/search/", params))
    assert found == {good.pk, night_only.pk, weekend.pk}
    assert (
        not {
            other_region.pk,
            unavailable.pk,
            pending.pk,
            expired.pk,
            not_in_registry.pk,
            registry_differs.pk,
            wastewater.pk,
        }
        & found
    )
    assert _ids(searching.get("/en/matching/search/", {**params, "shift": "day"})) == {
        good.pk,
        weekend.pk,
    }
    assert _ids(searching.get("/en/matching/search/", {**params, "days": ["1", "2"]})) == {
        good.pk,
        night_only.pk,
    }
    assert wastewater.pk in _ids(
        searching.get("/en/matching/search/", {"credential_type": helpers.ctype(helpers.WW).pk})
    )


def test_empty_search_suggests_widening(searching):
    response = searching.get("/en/matching/search/", {"region": helpers.region("far-north").pk})
    assert b"widen-search" in response.content and b"wider area" in response.content


def test_bad_search_input(searching):
    response = searching.get("/en/matching/search/", {"region": "abc", "days": ["9"], "shift": "x"})
    assert response.status_code == 200 and response.context["page"] is None
    response = searching.get(
        "/en/matching/search/",
        {
            "credential_type": helpers.ctype().pk,
            "credential_class": helpers.cclass("I", helpers.WW).pk,
        },
    )
    assert response.context["page"] is None


def test_detail_page_shows_contact_and_credentials(searching):
    op = helpers.operator(class_code="IV")
    page = searching.get(f"/en/matching/operators/{op.pk}/")
    assert page.status_code == 200
    assert op.contact_email.encode() in page.content and b"Class IV" in page.content


@pytest.mark.parametrize(
    "kwargs",
    [
        {"available": False},
        {"state": S.DEACTIVATED},
        {"state": S.SUBMITTED},
        {"expires": "past"},
        {"registry": False},
    ],
)
def test_detail_page_of_ineligible_operator_is_404(searching, kwargs):
    if kwargs.get("expires") == "past":
        kwargs = {"expires": helpers.in_days(-1)}
    op = helpers.operator(**kwargs)
    assert searching.get(f"/en/matching/operators/{op.pk}/").status_code == 404


def test_search_query_count_is_constant(searching):
    counts = []
    for size in (1, 50):
        for _ in range(size):
            helpers.operator(class_code="II")
        searching.get("/en/matching/search/?region=")
        with CaptureQueriesContext(connection) as captured:
            response = searching.get(
                "/en/matching/search/", {"credential_type": helpers.ctype().pk}
            )
        assert len(response.context["page"]) == min(size, 25) or size == 50
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_saved_search_alerts_once_for_new_operators(
    searching, alice, django_capture_on_commit_callbacks
):
    nw = helpers.region()
    original = helpers.operator(regions=[nw.pk])
    response = searching.post(
        "/en/matching/search/save/", {"name": "North", "alert": "on", "region": nw.pk}
    )
    assert response.status_code == 302
    search = SavedSearch.objects.get()
    assert list(search.matches.values_list("operator_id", flat=True)) == [original.pk]
    newcomer = helpers.operator(available=False, regions=[nw.pk])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        operator_availability_save(
            profile=newcomer,
            actor=newcomer.user,
            available=True,
            days=[1],
            shift="both",
            regions=[nw.pk],
        )
    assert [m.to for m in mail.outbox] == [[alice.email]]
    # Toggling again does not announce the same operator twice; the original never.
    with django_capture_on_commit_callbacks(execute=True):
        operator_availability_save(
            profile=newcomer,
            actor=newcomer.user,
            available=True,
            days=[1, 2],
            shift="both",
            regions=[nw.pk],
        )
        operator_availability_save(
            profile=original,
            actor=original.user,
            available=True,
            days=[1],
            shift="both",
            regions=[nw.pk],
        )
    assert len(mail.outbox) == 1
    # A non-matching newcomer: no e-mail.
    elsewhere = helpers.operator(available=False)
    with django_capture_on_commit_callbacks(execute=True):
        operator_availability_save(
            profile=elsewhere,
            actor=elsewhere.user,
            available=True,
            days=[1],
            shift="both",
            regions=[helpers.region("toronto").pk],
        )
    assert len(mail.outbox) == 1


def test_saved_search_needs_a_name_and_is_owned(searching, alice, charlie):
    assert searching.post("/en/matching/search/save/", {"name": ""}).status_code == 302
    assert not SavedSearch.objects.exists()
    other = helpers.owner(charlie)
    theirs = SavedSearch.objects.create(owner=other, created_by=charlie, name="Theirs")
    assert searching.post(f"/en/matching/search/saved/{theirs.pk}/delete/").status_code == 404
    assert SavedSearch.objects.filter(pk=theirs.pk).exists()


def test_owner_overview_query_count(client, alice):
    counts = []
    for size in (1, 50):
        profile = helpers.owner(UserFactory())
        for i in range(size):
            SavedSearch.objects.create(
                owner=profile, created_by=alice, name=f"s{i}", region=helpers.region()
            )
        user = profile.group.memberships.get().user
        client.force_login(user)
        client.get("/en/matching/owner/")
        with CaptureQueriesContext(connection) as captured:
            page = client.get("/en/matching/owner/")
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
    # Each row links to its search and to its own delete action.
    first = SavedSearch.objects.filter(owner=profile).order_by("name", "pk").first()
    assert first is not None
    html = page.content.decode()
    assert f'href="/en/matching/search/?region={helpers.region().pk}"' in html
    assert f'action="/en/matching/search/saved/{first.pk}/delete/"' in html


def test_wide_search_count_is_capped(searching, monkeypatch):
    from matching.queries import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "CAP", 2)
    for _ in range(4):
        helpers.operator()
    response = searching.get("/en/matching/search/", {"region": ""})
    assert response.context["page"].paginator.capped
    assert b"More than 2 operators found" in response.content
    assert len(response.context["page"]) == 3  # 2 + 1 rows counted: one page shows them


def test_search_form_follows_reference_edits(searching):
    """The reference lists are cached; an edit in the admin shows on the next page."""
    searching.get("/en/matching/search/")  # the lists are now cached
    northwest = helpers.region("northwestern")
    northwest.name_en = "Far Northwest"
    northwest.save()
    mine = helpers.ctype()
    mine.active = False
    mine.save()
    page = searching.get("/en/matching/search/").content.decode()
    assert "Far Northwest" in page
    assert mine.name_en not in page and helpers.ctype(helpers.WW).name_en in page
    with CaptureQueriesContext(connection) as captured:
        searching.get("/en/matching/search/")
    assert not [q for q in captured if "matching_region" in q["sql"]]


def test_search_form_in_each_language_and_with_its_errors(searching):
    """The criteria's HTML is remembered per language and choice; errors are never reused."""
    region = helpers.region("northwestern")
    for _ in range(2):
        french = searching.get("/fr/matching/search/", {"region": region.pk}).content.decode()
        english = searching.get("/en/matching/search/", {"region": region.pk}).content.decode()
        assert f'<option value="{region.pk}" selected>{region.name_fr}</option>' in french
        assert f'<option value="{region.pk}" selected>{region.name_en}</option>' in english
    wrong = searching.get("/en/matching/search/", {"region": "abc"}).content.decode()
    assert "Select a valid choice" in wrong
    right = searching.get("/en/matching/search/", {"region": ""}).content.decode()
    assert "Select a valid choice" not in right and 'value="" selected' in right
