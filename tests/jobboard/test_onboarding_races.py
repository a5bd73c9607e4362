"""J1 under concurrency, on real connections: a double-clicked "Send" makes one request; two
colleagues asking for a new group of the same company at once get two distinct groups."""

import pytest

from jobboard.employer.models import EmployerApplication
from jobboard.employer.services import (
    application_choose_company,
    application_save_about,
    application_save_company,
    application_start,
    application_submit,
)
from jobboard.errors import JobboardError
from portal.models import Group, Membership
from tests.factories import OrganisationFactory, UserFactory
from tests.jobboard.helpers import ABOUT, COMPANY
from tests.utils import run_concurrently

pytestmark = pytest.mark.django_db(transaction=True)


def ready_application(user, organisation) -> EmployerApplication:
    application = application_start(user=user)
    application = application_choose_company(application=application, organisation=organisation)
    application = application_save_company(application=application, data=COMPANY, new_company=False)
    return application_save_about(application=application, group=None, **ABOUT)


@pytest.mark.parametrize("attempt", range(2))
def test_double_submit_makes_one_request(attempt):
    organisation = OrganisationFactory(imported=True)
    user = UserFactory(email=f"a{attempt}@nordique.example")
    application = ready_application(user, organisation)
    results = run_concurrently(
        lambda: application_submit(application=application),
        lambda: application_submit(application=application),
        refused=(JobboardError,),
    )
    assert sorted(type(r).__name__ for r in results) == ["EmployerApplication", "JobboardError"]
    assert Membership.objects.filter(user=user).count() == 1
    assert Group.objects.filter(organisation=organisation).count() == 1


@pytest.mark.parametrize("attempt", range(2))
def test_two_new_groups_at_once_get_distinct_names(attempt):
    organisation = OrganisationFactory(imported=True)
    first = ready_application(UserFactory(email=f"b{attempt}@nordique.example"), organisation)
    second = ready_application(UserFactory(email=f"c{attempt}@nordique.example"), organisation)
    run_concurrently(
        lambda: application_submit(application=first),
        lambda: application_submit(application=second),
    )
    names = sorted(Group.objects.filter(organisation=organisation).values_list("name", flat=True))
    assert names == ["Group 001", "Group 002"]
