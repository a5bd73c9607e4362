"""Forms of the public posting page (apply by e-mail) and the employer's performance page."""

import datetime
import io
import re
import zipfile

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.files import pdf_is_plain

CV_MAX_BYTES = 5 * 1024 * 1024
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_PERIOD_DAYS = 366


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


class PerformanceForm(forms.Form):
    # ISO values: the browser's date input reads no other format (French would give 03/12/2026).
    start = forms.DateField(
        label=pgettext_lazy("period", "From"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=pgettext_lazy("period", "To"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    posting = forms.TypedChoiceField(label=_("Posting"), coerce=int, required=False)

    def __init__(self, data, *, postings: list[tuple[int, str]]):
        """`postings`: (id, label) of the group's non-archived postings."""
        today = timezone.localdate()
        initial = {"start": today - datetime.timedelta(days=29), "end": today, "posting": ""}
        super().__init__({**initial, **{k: v for k, v in data.items() if v}})
        posting_field: forms.ChoiceField = self.fields["posting"]  # type: ignore[assignment]
        posting_field.choices = [("", _("All my postings")), *postings]

    def clean(self):
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The end of the period comes before its start."))
            if (end - start).days >= MAX_PERIOD_DAYS:
                raise forms.ValidationError(_("Choose a period of one year at most."))
        return data
