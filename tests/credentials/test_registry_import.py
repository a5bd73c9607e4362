"""Registry import: all or nothing, line-numbered errors, added/changed/removed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import translation

from credentials.models import RegistryImport, RegistryRecord
from credentials.services import RegistryImportError, registry_import
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HEADER = "operator_id,name,number,type,class,status,expiry,snapshot_date\n"
ROW1 = "12345678,Ann Lee,DW-1,drinking-water-certificate,II,valid,2028-01-31,2026-11-01\n"
ROW2 = "23456789,Bo Chen,WW-2,wastewater-licence,I,valid,2027-05-31,2026-11-01\n"
ROW3 = "34567890,Cy Roy,DW-3,drinking-water-certificate,IV,expired,2025-05-31,2026-11-01\n"


def test_import_reports_added_changed_removed():
    report = registry_import(text=HEADER + ROW1 + ROW2)
    assert (report.rows, report.added, report.changed, report.removed) == (2, 2, 0, 0)
    changed_row1 = ROW1.replace(",II,", ",III,")
    report = registry_import(text=HEADER + changed_row1 + ROW3)
    assert (report.added, report.changed, report.removed) == (1, 1, 1)
    assert set(RegistryRecord.objects.values_list("number", flat=True)) == {"DW-1", "DW-3"}
    assert RegistryRecord.objects.get(number="DW-1").credential_class.code == "III"
    assert RegistryImport.objects.count() == 2
    # Same file again: nothing changes.
    report = registry_import(text=HEADER + changed_row1 + ROW3)
    assert (report.added, report.changed, report.removed) == (0, 0, 0)


@pytest.mark.parametrize(
    "bad,line_fragment",
    [
        ("1234567,X,N-1,drinking-water-certificate,II,valid,2028-01-31,2026-11-01\n", "8 digits"),
        ("12345678,X,N-1,plumbing,II,valid,2028-01-31,2026-11-01\n", "unknown type"),
        (
            "12345678,X,N-1,drinking-water-certificate,VII,valid,2028-01-31,2026-11-01\n",
            "unknown class",
        ),
        (
            "12345678,X,N-1,drinking-water-certificate,II,lost,2028-01-31,2026-11-01\n",
            "unknown status",
        ),
        ("12345678,X,N-1,drinking-water-certificate,II,valid,31/01/2028,2026-11-01\n", "expiry"),
        ("12345678,X,N-1\n", "columns"),
        (ROW1, "same number"),
    ],
)
def test_malformed_row_imports_nothing(bad, line_fragment):
    registry_import(text=HEADER + ROW2)
    with pytest.raises(RegistryImportError) as error, translation.override("en"):
        registry_import(text=HEADER + ROW1 + ROW3 + bad)
    line, message = error.value.errors[0]
    assert line == 4 and line_fragment in message
    assert list(RegistryRecord.objects.values_list("number", flat=True)) == ["WW-2"]
    assert RegistryImport.objects.count() == 1


def test_bad_header_refused():
    with pytest.raises(RegistryImportError) as error:
        registry_import(text="id,name\n" + ROW1)
    assert error.value.errors[0][0] == 1


def _upload(content: bytes, name="list.csv"):
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_staff_upload_page(client):
    officer = UserFactory(staff_role="accreditation_office", language="en")
    client.force_login(officer)
    assert client.get("/en/credentials/registry/import/").status_code == 200
    response = client.post(
        "/en/credentials/registry/import/", {"file": _upload((HEADER + ROW1).encode())}
    )
    assert response.status_code == 200 and b"1 added" in response.content
    response = client.post(
        "/en/credentials/registry/import/",
        {"file": _upload((HEADER + ROW2 + "bad,row\n").encode())},
    )
    assert response.status_code == 422 and b"Line 3" in response.content
    assert RegistryRecord.objects.count() == 1


@pytest.mark.parametrize(
    "content,name",
    [
        (b"", "list.csv"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "list.csv"),
        (b"a,b", "list.xlsx"),
        ("é".encode("latin-1") * 3, "list.csv"),
    ],
)
def test_upload_refuses_bad_files(client, content, name):
    client.force_login(UserFactory(staff_role="accreditation_office"))
    response = client.post("/en/credentials/registry/import/", {"file": _upload(content, name)})
    assert response.status_code == 422 and not RegistryRecord.objects.exists()


@pytest.mark.parametrize("role", ["", "regulator"])
def test_upload_refused_to_others(client, role):
    client.force_login(UserFactory(staff_role=role))
    assert client.get("/en/credentials/registry/import/").status_code == 403
    assert (
        client.post("/en/credentials/registry/import/", {"file": _upload(b"x")}).status_code == 403
    )


def test_management_command(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(HEADER + ROW1, encoding="utf-8")
    call_command("import_operator_registry", str(good))
    assert RegistryRecord.objects.count() == 1
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + ROW2 + "x\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_operator_registry", str(bad))
    assert RegistryRecord.objects.count() == 1
