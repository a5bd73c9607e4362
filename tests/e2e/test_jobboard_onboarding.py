"""The seed's guide, steps 1 and 2, in a real browser, in French and in English: a gmail
address is refused, a professional one signs up; the company is found by NEQ (with its
imported duplicate beside it); its mandatory fields are validated; a new group is asked for;
the regulator approves it in the inbox; the new principal manager fills the group's posting
information with a logo. Every e-mail is asserted and every page is checked with axe (the
steps are in tests/e2e/jobboard_steps.py)."""

import pytest

from jobboard.employer.company import missing_company_info
from tests.e2e.jobboard_steps import (
    employer_signs_up_and_asks_for_a_new_group,
    principal_fills_the_company_information,
    regulator_approves_the_group,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_employer_onboarding_to_company_information(page, lang, tmp_path):
    _user, group = employer_signs_up_and_asks_for_a_new_group(page, lang)
    regulator_approves_the_group(page, lang, group)
    principal_fills_the_company_information(page, lang, group, tmp_path)
    group.refresh_from_db()
    assert missing_company_info(group) == []
