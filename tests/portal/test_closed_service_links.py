"""A link a role may not use is not shown (issue 17): the Summer Jobs Service takes only the
providers' staff, added by their manager, so its home is linked on the portal home and the
dashboard only for the people who take part."""

import pytest

from tests.casework.helpers import make_provider, make_worker

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_outsiders_see_the_service_without_a_link(client, alice, lang):
    client.force_login(alice)
    assert client.get(f"/{lang}/casework/").status_code == 404  # what the link used to give
    for page in (f"/{lang}/", f"/{lang}/dashboard/"):
        html = client.get(page).content.decode()
        assert f'href="/{lang}/casework/"' not in html
        assert 'data-testid="closed-casework"' in html
        assert f'href="/{lang}/matching/"' in html  # open services stay linked
    french = client.get("/fr/dashboard/").content.decode()
    assert "L’accès est donné par la personne responsable de votre organisme." in french


def test_a_case_worker_has_the_link(client):
    provider, _point = make_provider("Avenir")
    worker = make_worker(provider)
    client.force_login(worker)
    for page in ("/fr/", "/fr/dashboard/"):
        html = client.get(page).content.decode()
        assert 'href="/fr/casework/"' in html and 'data-testid="closed-casework"' not in html
    assert client.get("/fr/casework/", follow=True).status_code == 200
