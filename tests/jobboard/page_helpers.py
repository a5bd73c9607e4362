"""Builders of the public posting page's tests: a live posting, CV files."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from jobboard.postings.models import Posting
from portal.services.reviews import review_decide
from tests.factories import UserFactory
from tests.jobboard.helpers import png
from tests.jobboard.postings_helpers import open_review, submitted

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0"


def live_posting(group, user, **overrides) -> Posting:
    """A posting approved by the regulator, online now."""
    posting = submitted(group, user, **overrides)
    regulator = UserFactory(staff_role="regulator")
    review_decide(review=open_review(posting), actor=regulator, decision="approve")
    posting.refresh_from_db()
    assert posting.live
    return posting


def pdf(name="cv.pdf", size=None) -> SimpleUploadedFile:
    content = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    if size:
        content += b"0" * (size - len(content))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx(name="cv.docx", word=True) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml" if word else "notes.txt", "<w:document/>")
    return SimpleUploadedFile(
        name,
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def png_named(name: str) -> SimpleUploadedFile:
    image = png()
    return SimpleUploadedFile(name, image.read(), content_type="application/pdf")
