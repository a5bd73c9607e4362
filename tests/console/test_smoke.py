import pytest

from tests.console.helpers import review_item, staff

pytestmark = pytest.mark.django_db


def test_queue_lists_an_item(client):
    item = review_item("regulator", name="Ingénierie Nordique")
    client.force_login(staff("regulator"))
    response = client.get("/en/console/")
    assert response.status_code == 200
    assert "Ingénierie Nordique" in response.content.decode()
    assert client.get(f"/en/console/items/{item.pk}/").status_code == 200
