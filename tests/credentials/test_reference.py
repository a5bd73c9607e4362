"""The accreditation office edits the water-operator reference table; nobody else does."""

import pytest

from credentials.models import CredentialClass, CredentialType
from portal.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client):
    client.force_login(UserFactory(staff_role="accreditation_office", language="en"))
    return client


def test_office_edits_types_and_adds_classes(office):
    dw = CredentialType.objects.get(code="drinking-water-certificate")
    assert office.get("/en/credentials/reference/").status_code == 200
    response = office.post(
        f"/en/credentials/reference/types/{dw.pk}/",
        {"name_fr": dw.name_fr, "name_en": "DW certificate", "active": "on", "order": 1},
    )
    assert response.status_code == 302
    dw.refresh_from_db()
    assert dw.name_en == "DW certificate"
    response = office.post(
        f"/en/credentials/reference/types/{dw.pk}/classes/new/",
        {"code": "wqa", "name_fr": "Analyste", "name_en": "Water quality analyst", "order": 9},
    )
    assert response.status_code == 302
    assert CredentialClass.objects.filter(type=dw, code="WQA").exists()
    assert AuditEvent.objects.filter(verb="reference.created").exists()
    duplicate = office.post(
        f"/en/credentials/reference/types/{dw.pk}/classes/new/",
        {"code": "II", "name_fr": "x", "name_en": "x", "order": 1},
    )
    assert duplicate.status_code == 200 and b"already has a class" in duplicate.content


def test_other_families_and_classes_of_other_types_are_out_of_reach(office):
    mine = CredentialType.objects.create(
        code="shift-boss", name_fr="x", name_en="x", family="mine_supervisor", kind="certification"
    )
    assert office.get(f"/en/credentials/reference/types/{mine.pk}/").status_code == 404
    dw = CredentialType.objects.get(code="drinking-water-certificate")
    ww_class = CredentialClass.objects.filter(type__code="wastewater-licence").first()
    url = f"/en/credentials/reference/types/{dw.pk}/classes/{ww_class.pk}/"
    assert office.get(url).status_code == 404


@pytest.mark.parametrize("role", ["", "certification_office"])
def test_others_refused(client, role):
    client.force_login(UserFactory(staff_role=role))
    dw = CredentialType.objects.get(code="drinking-water-certificate")
    assert client.get("/en/credentials/reference/").status_code == 403
    assert client.post(f"/en/credentials/reference/types/{dw.pk}/", {}).status_code == 403
