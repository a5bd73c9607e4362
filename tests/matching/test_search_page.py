"""The owner search page reads its rows, their certificates and the capped count in one
compiled statement, and the owner's profile through a compiled query (issue 19): the same
pages, rows and numbers as the ORM's paginator, whatever was added since the first render."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from matching import queries, views
from matching.models import OwnerProfile, ProfileState
from portal.models import Group, Membership
from tests.factories import GroupFactory, UserFactory, make_member
from tests.matching import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def searching(client, alice):
    helpers.owner(alice)
    client.force_login(alice)
    return client


def _expected(requested, per_page: int, cap: int) -> tuple[int, list[int]]:
    """What the ORM's capped paginator answered: at most CAP + 1 rows, newest first."""
    rows = list(queries.operator_search_page(queries.operator_search_queryset())[: cap + 1])
    page = Paginator(rows, per_page).get_page(requested)
    return page.number, [operator.pk for operator in page]


@pytest.mark.parametrize("cap", [1000, 3])
def test_pages_match_the_paginator_and_follow_new_rows(searching, monkeypatch, cap):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    monkeypatch.setattr(queries.CappedPaginator, "CAP", cap)
    for count in (0, 1, 5, 6):
        while len(queries.operator_search_queryset()) < count:
            helpers.operator()  # added after the statement was compiled: found all the same
        for requested in (None, "1", "2", "3", "4", "0", "-1", "abc", "2.0", "99"):
            params = {"region": ""} if requested is None else {"region": "", "page": requested}
            page = searching.get("/en/matching/search/", params).context["page"]
            number, pks = _expected(requested, 2, cap)
            assert (page.number, [row.pk for row in page]) == (number, pks), (count, requested)
            assert page.paginator.count == min(count, cap + 1)


def test_rows_show_each_certificate_in_the_order_added(searching):
    op = helpers.operator(class_code="III")
    helpers.credential(op.user, "WW-1", type_code=helpers.WW, class_code="I")
    helpers.refresh(op)
    html = searching.get("/en/matching/search/", {"region": ""}).content.decode()
    drinking = f"{helpers.ctype().name_en} — {helpers.cclass('III').name_en}"
    waste = f"{helpers.ctype(helpers.WW).name_en} — {helpers.cclass('I', helpers.WW).name_en}"
    assert f"<td>{drinking}<br>{waste}</td>" in html
    assert f'href="/en/matching/operators/{op.pk}/"' in html
    # A certificate of a type no longer offered in the form is still listed, by its name.
    wastewater = helpers.ctype(helpers.WW)
    wastewater.active = False
    wastewater.save()
    html = searching.get("/en/matching/search/", {"region": ""}).content.decode()
    assert f"<td>{drinking}<br>{waste}</td>" in html


def test_row_values_are_escaped(searching):
    user = UserFactory(first_name="<b>Bob</b>", last_name="& Co")
    helpers.operator(user)
    html = searching.get("/en/matching/search/", {"region": ""}).content.decode()
    assert "&lt;b&gt;Bob&lt;/b&gt; &amp; Co</a>" in html and "<b>Bob" not in html


def test_owner_profile_with_its_group_and_organisation(alice):
    assert queries.owner_profile_for_user(alice) is None
    mine = helpers.owner(alice)
    profile = queries.owner_profile_for_user(alice)
    assert profile == mine
    with CaptureQueriesContext(connection) as captured:
        assert profile.group.organisation == mine.group.organisation
        assert profile.group.owner_profile is profile
    assert not captured


def test_owner_profile_of_a_pending_organisation_creator():
    creator = UserFactory()
    group = GroupFactory(service="matching", status=Group.Status.PENDING)
    make_member(creator, group, ["manager"], status=Membership.Status.REQUESTED)
    profile = OwnerProfile.objects.create(group=group, state=ProfileState.DRAFT)
    assert queries.owner_profile_for_user(creator) == profile
    group.status = Group.Status.ACTIVE  # approved: a requested membership no longer counts
    group.save()
    assert queries.owner_profile_for_user(creator) is None


def test_fixed_fragments_in_each_language(searching):
    """The heading and the table's head are remembered per language: each page shows its own."""
    from django.utils import translation

    helpers.operator()
    for _ in range(2):
        for language in ("fr", "en"):
            html = searching.get(f"/{language}/matching/search/", {"region": ""}).content.decode()
            with translation.override(language):
                for text in (
                    "Account overview",
                    "Available operators",
                    "Certificates and licences",
                ):
                    assert translation.gettext(text) in html
                assert f'href="/{language}/matching/owner/"' in html


def test_compiled_searches_are_bounded(searching, monkeypatch):
    monkeypatch.setattr(queries, "MAX_SEARCH_SHAPES", 2)
    monkeypatch.setattr(queries, "_SEARCHES", {})
    op = helpers.operator(days=(1, 2, 3))
    for days in (["1"], ["2"], ["3"], ["1"]):
        page = searching.get("/en/matching/search/", {"days": days}).context["page"]
        assert [row.pk for row in page] == [op.pk]
        assert len(queries._SEARCHES) <= 2
