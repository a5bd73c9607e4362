"""P5: the city's contractors imported from CSV, all or nothing; each PIN e-mailed once,
also when the import runs again; linking with it shows the earlier applications."""

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from permits.importer import ImportErrors, contractors_import, parse, pin_notice_send
from permits.models import Application, ContractorAccount
from permits.services import pin_link
from portal.models import Membership, OutboundEmail

pytestmark = pytest.mark.django_db

CSV = (
    "legal_name,email,phone,address,city,province,postal_code,past_applications\n"
    "Rideau Renovations inc.,Info@Rideau.example,613-555-0101,12 Bank St,Ottawa,ON,K1P 5N2,"
    '"2019-001234|building|closed|12 Bank St;2021-004567|pool|issued|40 Elm St"\n'
    "Bytown Signs,signs@bytown.example,613-555-0102,3 King Edward,Ottawa,on,K1N 6N5,\n"
)


def run(tmp_path, text, *args):
    path = tmp_path / "contractors.csv"
    path.write_text(text, encoding="utf-8")
    call_command("import_contractors", str(path), *args)


def test_import_creates_accounts_applications_and_mails_each_pin_once(
    tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run(tmp_path, CSV)
    rideau = ContractorAccount.objects.get(email="info@rideau.example")
    assert rideau.imported and rideau.group.organisation.legal_name == "Rideau Renovations inc."
    assert rideau.group.service == "permits" and rideau.group.status == "active"
    assert set(rideau.applications.values_list("reference", "status")) == {
        ("2019-001234", "closed"),
        ("2021-004567", "issued"),
    }
    assert sorted(m.to[0] for m in mail.outbox) == ["info@rideau.example", "signs@bytown.example"]
    body = next(m.body for m in mail.outbox if m.to == ["info@rideau.example"])
    assert rideau.pin_display in body and "NIP" in body and "PIN" in body

    with django_capture_on_commit_callbacks(execute=True):
        run(tmp_path, CSV)  # again: nothing new, nothing sent twice
    assert ContractorAccount.objects.count() == 2 and Application.objects.count() == 2
    assert len(mail.outbox) == 2
    assert pin_notice_send(account_id=rideau.pk) is False


def test_a_new_row_on_a_second_run_is_the_only_one_mailed(
    tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run(tmp_path, CSV)
    more = CSV + "Capital Plumbing,pipes@capital.example,613-555-0103,,,,,\n"
    with django_capture_on_commit_callbacks(execute=True):
        run(tmp_path, more)
    assert [m.to for m in mail.outbox[2:]] == [["pipes@capital.example"]]


def test_errors_are_numbered_and_nothing_is_imported(tmp_path):
    bad = (
        CSV
        + ",nobody@example.com,,,,,,\n"
        + "Twice,info@rideau.example,,,,,,\n"
        + 'Odd,odd@example.com,,,,ZZ,,"9|rocket|closed|x;2019-001234|sign|gone|y"\n'
    )
    with pytest.raises(CommandError) as error:
        run(tmp_path, bad)
    message = str(error.value)
    assert "line 4: legal_name is empty" in message
    assert "line 5: e-mail info@rideau.example already on line 2" in message
    assert "line 6: province 'ZZ'" in message
    assert "unknown type 'rocket'" in message and "unknown status 'gone'" in message
    assert "2019-001234 already on line 2" in message
    assert not ContractorAccount.objects.exists() and not Application.objects.exists()


def test_missing_columns():
    with pytest.raises(ImportErrors) as error:
        parse("name,mail\nx,y\n")
    assert error.value.errors == ["line 1: missing columns: legal_name, email"]


def test_an_application_reference_of_another_account_is_refused(alice):
    from tests.permits.helpers import register

    account = register(alice)
    Application.objects.create(
        account=account, reference="2019-001234", kind="building", site_address="x"
    )
    with pytest.raises(ImportErrors):
        contractors_import(rows=parse(CSV))
    assert ContractorAccount.objects.count() == 1


def test_the_first_to_link_manages_and_sees_earlier_applications(
    client, tmp_path, alice, bob, django_capture_on_commit_callbacks
):
    run(tmp_path, CSV)
    rideau = ContractorAccount.objects.get(email="info@rideau.example")
    assert pin_link(user=alice, typed=rideau.pin_display, ip="192.0.2.1") == rideau
    assert Membership.objects.get(user=alice, group=rideau.group).roles == ["manager"]
    with django_capture_on_commit_callbacks(execute=True):
        pin_link(user=bob, typed=rideau.pin, ip="192.0.2.2")
    assert Membership.objects.get(user=bob, group=rideau.group).roles == []
    assert OutboundEmail.objects.filter(to=alice.email, template="permits_linked").exists()
    client.force_login(bob)
    page = client.get(f"/fr/permits/accounts/{rideau.pk}/applications/").content.decode()
    assert "2019-001234" in page and "2021-004567" in page


def test_check_only_validates(tmp_path, capsys):
    run(tmp_path, CSV, "--check")
    assert not ContractorAccount.objects.exists()
