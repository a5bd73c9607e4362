"""A list page in one statement picks the same page and rows as Django's paginator."""

import pytest
from django.core.paginator import Paginator

from billing.paging import counted_page
from portal.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("number", [None, "", "1", "2", "3", "9", "0", "-1", "abc", "2.0"])
def test_counted_page_matches_the_paginator(number):
    for n in range(5):
        OrganisationFactory(legal_name=f"Org {n}")
    rows = Organisation.objects.order_by("legal_name")
    columns = ("pk", "legal_name")
    expected = Paginator(rows.values_list(*columns), 2).get_page(number)
    page = counted_page(rows, columns, 2, number)
    assert page.number == expected.number
    assert list(page.object_list) == list(expected.object_list)
    assert page.paginator.num_pages == expected.paginator.num_pages == 3


def test_an_empty_list_is_one_empty_page():
    page = counted_page(Organisation.objects.none(), ("pk",), 2, None)
    assert list(page) == [] and page.number == 1 and not page.has_other_pages()
