"""The core's compiled queries (portal.lib.compiled) and one-statement list pages
(portal.lib.paging): the same pages and rows as Django's paginator, each request's own values."""

import datetime

import pytest
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext

from portal.lib.compiled import CompiledQuery, compiled, counts
from portal.lib.paging import TOTAL, counted_page, page_of, with_total
from portal.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

COLUMNS = ("pk", "legal_name")


def by_name(excluded_pk: int):
    """Organisations by name but one: the statement is compiled once, the id bound each time."""
    return Organisation.objects.exclude(pk=excluded_pk).order_by("legal_name")


def page_rows(excluded_pk: int):
    return with_total(by_name(excluded_pk)).values_list(*COLUMNS, TOTAL)


def counted(number, per_page=2, query=None):
    return page_of(
        query or CompiledQuery(page_rows, 1),
        (-1,),
        number,
        lambda: by_name(-1).count(),
        per_page,
    )


@pytest.mark.parametrize(
    "number", [None, "", "1", "2", "3", "9", "0", "-1", "x", "2.0", "2.5", 2, 99999999999]
)
def test_a_page_matches_the_paginators(number):
    for n in range(5):
        OrganisationFactory(legal_name=f"Org {n}")
    expected = Paginator(by_name(-1).values_list(*COLUMNS), 2).get_page(number)
    page = counted(number)
    assert page.number == expected.number
    assert list(page.object_list) == list(expected.object_list)
    assert page.paginator.count == 5
    assert page.paginator.num_pages == expected.paginator.num_pages == 3


def test_dict_rows_are_values_rows_without_the_total():
    org = OrganisationFactory(legal_name="Only")
    query = CompiledQuery(lambda excluded: with_total(by_name(excluded)).values(*COLUMNS, TOTAL), 1)
    page = page_of(query, (-1,), "1", lambda: 1, 2, dicts=True)
    assert list(page) == [{"pk": org.pk, "legal_name": "Only"}]


def test_a_page_and_its_count_are_one_statement(django_assert_num_queries):
    for n in range(5):
        OrganisationFactory(legal_name=f"Org {n}")
    query = CompiledQuery(page_rows, 1)
    counted("1", query=query)  # compiled at first use
    with django_assert_num_queries(1):
        assert counted("2", query=query).paginator.count == 5
    # Past the end: the empty page, the count, the last page (as the paginator's two).
    with django_assert_num_queries(3):
        assert counted("7", query=query).number == 3
    with django_assert_num_queries(2):
        assert counted("0", query=query).number == 3


def test_an_empty_list_is_one_empty_page():
    page = counted("x")
    assert list(page) == [] and page.number == 1 and not page.has_other_pages()
    assert counted("4").number == 1


def test_each_run_binds_its_own_values():
    kept, dropped = OrganisationFactory(legal_name="A"), OrganisationFactory(legal_name="B")
    query = CompiledQuery(lambda excluded: by_name(excluded).values_list("pk"), 1)
    assert query.rows(dropped.pk) == [(kept.pk,)]
    assert query.rows(kept.pk) == [(dropped.pk,)]


def test_a_text_value_is_bound_too():
    org = OrganisationFactory(legal_name="Acme")
    OrganisationFactory(legal_name="Other")
    query = CompiledQuery(
        lambda name: Organisation.objects.filter(legal_name=name).values_list("pk"), 1
    )
    assert query.rows("Acme") == [(org.pk,)]
    assert query.rows("Nobody") == []


def test_a_keyed_query_is_compiled_once_per_key():
    def build():
        return Organisation.objects.values_list("pk")

    assert compiled(("test-key", 1), build) is compiled(("test-key", 1), build)
    assert compiled(("test-key", 1), build) is not compiled(("test-key", 2), build)


@pytest.mark.parametrize(
    "build",
    [
        # The time of the first request, frozen for every later one.
        lambda: Organisation.objects.filter(created_at__lt=timezone.now()),
        # The first request's language, frozen for every later one.
        lambda: Organisation.objects.filter(legal_name=gettext("Yes")),
    ],
    ids=["now", "translation"],
)
def test_a_value_that_changes_per_request_is_refused(build):
    with pytest.raises(ValueError):
        CompiledQuery(build).rows()


def test_a_value_that_cannot_be_bound_is_refused():
    # "contains" wraps the value in %…%: the stand-in would be run as it is.
    query = CompiledQuery(lambda name: Organisation.objects.filter(legal_name__contains=name), 1)
    with pytest.raises(ValueError):
        query.rows("Acme")


def created_between(start: datetime.date, end: datetime.date):
    return Organisation.objects.filter(
        created_at__date__gte=start, created_at__date__lte=end
    ).values_list("legal_name")


def test_dates_are_bound_per_run():
    # A report's period: the statement is compiled once, each run reads its own days.
    OrganisationFactory(legal_name="Today")
    today = timezone.localdate()
    query = CompiledQuery(created_between, 2, dates=2)
    assert query.rows(today, today) == [("Today",)]
    yesterday = today - datetime.timedelta(days=1)
    assert query.rows(yesterday, yesterday) == []


def test_a_date_computed_while_building_is_refused():
    # The first request's day, frozen for every later one, beside a bound one.
    query = CompiledQuery(lambda start: created_between(start, timezone.localdate()), 1, dates=1)
    with pytest.raises(ValueError, match="freeze a date"):
        query.rows(datetime.date(2026, 1, 1))


def test_several_counts_are_one_statement(django_assert_num_queries):
    kept = OrganisationFactory(legal_name="A")
    OrganisationFactory(legal_name="B")
    query = CompiledQuery(
        lambda excluded: counts(by_name(excluded), Organisation.objects.filter(pk=excluded)), 1
    )
    query.rows(kept.pk)  # compiled at first use
    with django_assert_num_queries(1):
        assert query.rows(kept.pk) == [(1, 1)]
    assert query.rows(-1) == [(2, 0)]


@pytest.mark.parametrize("number", [None, "1", "2", "3", "4", "0", "x", 2])
def test_a_page_of_a_known_count_matches_the_paginators(number, django_assert_num_queries):
    for n in range(5):
        OrganisationFactory(legal_name=f"Org {n}")
    expected = Paginator(by_name(-1).values_list(*COLUMNS), 2).get_page(number)
    query = CompiledQuery(lambda excluded: by_name(excluded).values_list(*COLUMNS), 1)
    query.rows(-1)  # compiled at first use
    with django_assert_num_queries(1):
        page = counted_page(query, (-1,), number, 5, 2)
    assert page.number == expected.number
    assert list(page.object_list) == list(expected.object_list)
    assert page.paginator.num_pages == 3


def test_an_empty_page_of_a_known_count_runs_no_statement(django_assert_num_queries):
    query = CompiledQuery(lambda excluded: by_name(excluded).values_list(*COLUMNS), 1)
    with django_assert_num_queries(0):
        page = counted_page(query, (-1,), "3", 0, 2)
    assert list(page) == [] and page.number == 1
