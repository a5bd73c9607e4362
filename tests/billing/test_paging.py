"""A list page in one statement picks the same page and rows as Django's paginator."""

import pytest
from django.core.paginator import Paginator

from billing.paging import counted_page
from portal.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def by_name(excluded_pk: int):
    """Organisations by name but one: the statement is compiled once, the id bound each time."""
    return Organisation.objects.exclude(pk=excluded_pk).order_by("legal_name")


@pytest.mark.parametrize("number", [None, "", "1", "2", "3", "9", "0", "-1", "abc", "2.0"])
def test_counted_page_matches_the_paginator(number):
    for n in range(5):
        OrganisationFactory(legal_name=f"Org {n}")
    columns = ("pk", "legal_name")
    expected = Paginator(by_name(-1).values_list(*columns), 2).get_page(number)
    page = counted_page("test", by_name, (-1,), columns, 2, number)
    assert page.number == expected.number
    assert list(page.object_list) == list(expected.object_list)
    assert page.paginator.num_pages == expected.paginator.num_pages == 3


def test_the_page_statement_binds_each_requests_values():
    kept, dropped = OrganisationFactory(legal_name="A"), OrganisationFactory(legal_name="B")
    first = counted_page("test-bind", by_name, (dropped.pk,), ("pk",), 5, None)
    second = counted_page("test-bind", by_name, (kept.pk,), ("pk",), 5, None)
    assert list(first) == [(kept.pk,)] and list(second) == [(dropped.pk,)]


def test_an_empty_list_is_one_empty_page():
    def only(pk: int):
        return Organisation.objects.filter(pk=pk).order_by("pk")

    page = counted_page("test-empty", only, (0,), ("pk",), 2, None)
    assert list(page) == [] and page.number == 1 and not page.has_other_pages()
