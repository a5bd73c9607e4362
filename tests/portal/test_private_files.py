"""C11: uploads checked by content and size; private files served only to allowed users."""

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from portal import files
from portal.files import PrivateFileField, private_file_store

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")


class UploadForm(forms.Form):
    document = PrivateFileField(kind="document", max_bytes=1024)


def upload(name: str, content: bytes, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("consent.pdf", PDF, True),
        ("Logo.PNG", PNG, True),
        ("consent.pdf", b"<html><script>alert(1)</script></html>", False),  # not a PDF inside
        ("photo.pdf", PNG, False),  # a PNG dressed as a PDF
        ("run.exe", b"MZ\x90\x00" + b"\x00" * 60, False),
        ("empty.pdf", b"", False),
        ("big.pdf", PDF + b"0" * 2000, False),
    ],
)
def test_upload_is_checked_by_content_and_size(name, content, accepted):
    form = UploadForm(files={"document": upload(name, content)})
    assert form.is_valid() is accepted, form.errors


def test_refusal_says_why_in_french():
    form = UploadForm(files={"document": upload("photo.pdf", PNG)})
    form.is_valid()
    assert "Ce type de fichier n’est pas accepté" in str(form.errors)


def test_stored_under_a_generated_name(alice):
    stored = private_file_store(upload=upload("../../etc/passwd.pdf", PDF), owner=alice)
    assert stored.original_name == "passwd.pdf"
    assert "passwd" not in stored.file.name and str(stored.pk) in stored.file.name


def test_owner_downloads_as_attachment(client, alice):
    stored = private_file_store(upload=upload("My consent.pdf", PDF), owner=alice)
    client.force_login(alice)
    response = client.get(f"/fr/files/{stored.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_another_user_gets_404(client, alice, charlie):
    stored = private_file_store(upload=upload("consent.pdf", PDF), owner=alice)
    client.force_login(charlie)
    assert client.get(f"/fr/files/{stored.pk}/").status_code == 404


def test_anonymous_is_sent_to_sign_in(client, alice):
    stored = private_file_store(upload=upload("consent.pdf", PDF), owner=alice)
    response = client.get(f"/fr/files/{stored.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_access_rule_of_the_attached_object_decides(client, alice, bob, charlie):
    # Files attached to a user account: readable by the account itself (a stand-in rule).
    files.register_access(User, lambda user, target: user.pk == target.pk)
    stored = private_file_store(upload=upload("consent.pdf", PDF), owner=alice, attach_to=bob)
    client.force_login(bob)
    assert client.get(f"/fr/files/{stored.pk}/").status_code == 200
    client.force_login(charlie)
    assert client.get(f"/fr/files/{stored.pk}/").status_code == 404


def test_files_are_not_reachable_under_media(client, alice):
    stored = private_file_store(upload=upload("consent.pdf", PDF), owner=alice)
    assert client.get(f"/media/{stored.file.name}").status_code == 404
