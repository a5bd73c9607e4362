"""The public posting page's apply-by-e-mail form and its CV check."""

import io
import re
import zipfile

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.files import pdf_is_plain

CV_MAX_BYTES = 5 * 1024 * 1024
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def cv_kind(content: bytes) -> str | None:
    """The CV's type read from its bytes, never from its name: a PDF starts with %PDF-; a
    DOCX is a zip holding [Content_Types].xml and word/document.xml."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError):
            return None
        if {"[Content_Types].xml", "word/document.xml"} <= names:
            return DOCX
    return None


def safe_filename(name: str, kind: str) -> str:
    stem = re.sub(r"[^\w.-]+", "-", name.rsplit(".", 1)[0], flags=re.ASCII).strip("-.")[:60]
    return f"{stem or 'cv'}.{'pdf' if kind == PDF else 'docx'}"


class ApplyForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("Your e-mail address"))
    message = forms.CharField(
        label=_("Your message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    cv = forms.FileField(
        label=_("Your CV"),
        help_text=_("A PDF or Word (DOCX) file of 5 MB at most."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx," + PDF + "," + DOCX}),
    )

    def clean_cv(self):
        upload = self.cleaned_data["cv"]
        if upload.size > CV_MAX_BYTES:
            raise forms.ValidationError(_("The CV is too big: 5 MB at most."))
        content = upload.read()
        kind = cv_kind(content)
        if kind == PDF and not pdf_is_plain(content):
            kind = None  # a PDF that is also an HTML page (portal.files)
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        expected = {"pdf": PDF, "docx": DOCX}.get(extension)
        if kind is None or expected != kind:
            raise forms.ValidationError(
                _("The CV must be a PDF or a Word (DOCX) document; this file is neither.")
            )
        return (safe_filename(upload.name, kind), content, kind)
