"""Issue 18, item 5, on permit documents: a PDF that is also an HTML page is refused with a
message in the page's language; a name with `../` or 300 characters is stored under a
generated name and sent back as a short, safe attachment name."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from permits.services import application_submit
from portal.models import PrivateFile
from tests.factories import UserFactory
from tests.permits.helpers import PDF, link

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_language_reset():
    """The last request's language stays active in the thread: back to the default."""
    from django.utils import translation

    yield
    translation.activate("fr")


@pytest.fixture
def upload_url(client, contractors):
    c = contractors
    application = application_submit(
        account=c.lms, actor=c.alice, kind="building", site_address="1 Main St"
    )
    uploader = UserFactory()
    link(uploader, c.lms, ["permits.upload"])
    client.force_login(uploader)
    return f"/{{lang}}/permits/accounts/{c.lms.pk}/applications/{application.pk}/documents/"


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("fr", "Ce type de fichier n’est pas accepté"),
        ("en", "This type of file is not accepted"),
    ],
)
@pytest.mark.parametrize("prolog", [b"<!DOCTYPE html>", b"<HTML>", b"< script>", b"<svg onload"])
def test_a_pdf_html_polyglot_is_refused(client, upload_url, lang, message, prolog):
    body = b"%PDF-1.4\n" + prolog + b"\n%%EOF"
    bad = SimpleUploadedFile("plan.pdf", body, content_type="application/pdf")
    response = client.post(upload_url.format(lang=lang), {"file": bad})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PrivateFile.objects.exists()


@pytest.mark.parametrize(
    "name",
    ["../../../etc/passwd.pdf", "..\\..\\boot.pdf", "é" * 300 + ".pdf", "a\u202eb\u200f.pdf"],
)
def test_bad_names_are_stored_under_a_generated_name_and_sent_back_safe(client, upload_url, name):
    good = SimpleUploadedFile(name, PDF, content_type="application/pdf")
    assert client.post(upload_url.format(lang="fr"), {"file": good}).status_code == 302
    stored = PrivateFile.objects.get()
    assert stored.file.name.endswith(f"/{stored.pk}.pdf") and ".." not in stored.file.name
    shown = stored.original_name
    assert len(shown) <= 100 and shown.endswith(".pdf")
    assert not any(c in shown for c in "/\\\x00\r\n")
    response = client.get(f"/fr/files/{stored.pk}/")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="') and "filename*=UTF-8''" in disposition
    assert disposition.isascii() and ".." not in disposition.split("filename*=")[0][:-30]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_a_plain_pdf_still_goes_through(client, upload_url):
    good = SimpleUploadedFile("Plan d’étage.pdf", PDF, content_type="application/pdf")
    assert client.post(upload_url.format(lang="en"), {"file": good}).status_code == 302
    stored = PrivateFile.objects.get()
    response = client.get(f"/en/files/{stored.pk}/")
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Plan detage.pdf\"; filename*=UTF-8''Plan%20d%E2%80%99%C3%A9tage.pdf"
    )
    assert b"".join(response.streaming_content) == PDF
