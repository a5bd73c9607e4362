"""Item 8 of issue 17: only this year's SJS employer form is accepted (S4, Q8), by the service
and on the page; once it is on file, the employer's page no longer offers to add it."""

import datetime
import html

import pytest
from django.utils import timezone, translation

from casework.errors import CaseworkError
from casework.models import EmployerYearForm
from casework.registry import services as registry
from tests.casework.helpers import make_employer, pdf
from tests.casework.plan_helpers import employer_with_form

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year


def fields(year: int) -> dict:
    return {
        "year": year,
        "sector": "Food",
        "employees": 12,
        "positions_offered": 2,
        "wsib_covered": True,
        "signer_name": "Luc Roy",
        "signer_title": "Owner",
        "signed_on": datetime.date(year, 1, 2),
    }


@pytest.mark.parametrize("year", [THIS_YEAR - 1, THIS_YEAR + 1])
def test_the_service_refuses_a_form_of_another_year(providers, year):
    p = providers
    employer = make_employer(p.a, p.worker_a)
    with translation.override("en"), pytest.raises(CaseworkError, match="Only this year"):
        registry.employer_year_form_add(
            employer=employer, group=p.a.group, actor=p.worker_a, fields=fields(year), upload=pdf()
        )
    assert not EmployerYearForm.objects.exists()


def _page(client, p, employer, lang="fr", suffix=""):
    url = f"/{lang}/casework/p/{p.a.group.pk}/employers/{employer.pk}/{suffix}"
    return client.get(url), url


def test_last_years_form_is_refused_on_the_page_in_french(providers, client):
    p = providers
    employer = make_employer(p.a, p.worker_a)
    client.force_login(p.worker_a)
    _response, url = _page(client, p, employer, suffix="forms/new/")
    data = {**fields(THIS_YEAR - 1), "wsib_covered": "on", "signed_file": pdf()}
    data["signed_on"] = datetime.date(THIS_YEAR - 1, 4, 2).isoformat()
    response = client.post(url, data)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert f"Seul le formulaire de l’employeur du SEE de cette année ({THIS_YEAR})" in page
    assert not EmployerYearForm.objects.exists()


def test_add_this_years_form_is_offered_only_until_it_is_on_file(providers, client):
    p = providers
    employer = employer_with_form(p.a, p.worker_a, year=THIS_YEAR - 1)
    client.force_login(p.worker_a)
    page, _url = _page(client, p, employer, lang="en")
    assert "Add this year's form" in html.unescape(page.content.decode())
    registry.employer_year_form_add(
        employer=employer, group=p.a.group, actor=p.worker_a, fields=fields(THIS_YEAR), upload=pdf()
    )
    page, _url = _page(client, p, employer, lang="en")
    assert "Add this year's form" not in html.unescape(page.content.decode())
    assert f"This year's form ({THIS_YEAR}) is on file." in html.unescape(page.content.decode())
    form_page, url = _page(client, p, employer, lang="en", suffix="forms/new/")
    assert form_page.status_code == 302
    assert form_page["Location"] == f"/en/casework/p/{p.a.group.pk}/employers/{employer.pk}/"
