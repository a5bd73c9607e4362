"""City staff pages: applications by status, decisions following the transition table (with
an e-mail to the applicant), the CSV import page and the PIN attempts log; 404 for others."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from permits.models import Application, ContractorAccount
from permits.services import application_submit, pin_link
from tests.factories import UserFactory
from tests.permits.test_import import CSV

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(db):
    return UserFactory(staff_role="city", first_name="Carla")


def test_city_decides_and_the_applicant_is_told(
    client, city, contractors, django_capture_on_commit_callbacks
):
    c = contractors
    application = application_submit(
        account=c.lms, actor=c.alice, kind="sign", site_address="300 Bank St"
    )
    client.force_login(city)
    page = client.get("/fr/permits/city/?status=submitted").content.decode()
    assert application.reference in page and "LMS Architects" in page
    url = f"/fr/permits/city/applications/{application.pk}/"
    assert client.get(url).status_code == 200
    client.post(url, {"status": "issued"})  # not allowed from "submitted"
    application.refresh_from_db()
    assert application.status == "submitted"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"status": "in_review", "note": "Plans reçus."})
    application.refresh_from_db()
    assert application.status == "in_review"
    assert mail.outbox[-1].to == [c.alice.email] and "Plans reçus." in mail.outbox[-1].body


def test_city_imports_a_file_and_sees_errors_by_line(client, city):
    client.force_login(city)
    bad = SimpleUploadedFile("c.csv", (CSV + ",x@y.example,,,,,,\n").encode())
    page = client.post("/fr/permits/city/import/", {"file": bad}).content.decode()
    assert "line 4: legal_name is empty" in page
    assert not ContractorAccount.objects.exists()
    good = SimpleUploadedFile("c.csv", CSV.encode())
    assert client.post("/fr/permits/city/import/", {"file": good}).status_code == 302
    assert ContractorAccount.objects.count() == 2 and Application.objects.count() == 2


def test_city_sees_the_attempts_log(client, city, alice):
    pin_link(user=alice, typed="AAA-BBB-CCC", ip="198.51.100.5")
    client.force_login(city)
    page = client.get("/fr/permits/city/attempts/").content.decode()
    assert "198.51.100.5" in page and alice.email in page and "AAABBBCCC" not in page


def test_other_staff_and_clients_get_404(client, alice, sam):
    for user in (alice, sam):
        client.force_login(user)
        for url in ("/fr/permits/city/", "/fr/permits/city/import/", "/fr/permits/city/attempts/"):
            assert client.get(url).status_code == 404
