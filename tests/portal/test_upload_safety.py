"""Issue 18, item 5: the one upload validator (portal.files) refuses a PDF that is also an
HTML page, wherever a PDF is accepted (private documents, the job site's CV), and names are
made safe to show and to send back."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.files import attachment_disposition, pdf_is_plain, safe_display_name

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.mark.parametrize(
    ("head", "plain"),
    [
        (PDF, True),
        (b"%PDF-1.7\n" + b"x" * 2000 + b"<html>", True),  # past the first kilobyte
        (b"%PDF-1.4\n<!doctype html>", False),
        (b"%PDF-1.4\n<HtMl lang=en>", False),
        (b"%PDF-1.4\n<script>alert(1)</script>", False),
        (b"<html>%PDF-1.4", False),  # magic bytes not at offset 0
        (b" %PDF-1.4", False),
    ],
)
def test_pdf_is_plain(head, plain):
    assert pdf_is_plain(head) is plain


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\léa\\plan.pdf", "plan.pdf"),
        ("a\x00b\u202e.pdf", "ab.pdf"),
        ("..pdf", "pdf"),
        ("", "file"),
    ],
)
def test_safe_display_name(name, shown):
    assert safe_display_name(name) == shown


def test_a_long_name_keeps_its_extension():
    shown = safe_display_name("é" * 300 + ".pdf")
    assert len(shown) == 100 and shown.endswith("é.pdf")


def test_attachment_disposition_has_an_ascii_fallback_and_the_exact_name():
    header = attachment_disposition('Rapport « final » "v2".pdf')
    assert header.isascii()
    assert header.startswith('attachment; filename="Rapport final _v2_.pdf"; ')
    assert header.endswith("filename*=UTF-8''Rapport%20%C2%AB%20final%20%C2%BB%20%22v2%22.pdf")


def test_the_job_sites_cv_refuses_a_polyglot():
    from jobboard.public.forms import ApplyForm

    data = {"name": "Léa", "email": "lea@example.org", "message": "Bonjour"}
    polyglot = b"%PDF-1.4\n<!DOCTYPE html><script>alert(1)</script>"
    form = ApplyForm(data, {"cv": SimpleUploadedFile("cv.pdf", polyglot)})
    assert not form.is_valid() and "cv" in form.errors
    assert ApplyForm(data, {"cv": SimpleUploadedFile("cv.pdf", PDF)}).is_valid()
