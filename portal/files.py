"""Private uploads: checked by content and size, stored under generated names, and served
only to users an access rule allows (C11).

An app that attaches files to its objects registers who may read them:

    files.register_access(Application, lambda user, application: ...)

The uploader may always read their own file.
"""

import re
import unicodedata
from collections.abc import Callable
from pathlib import PurePath
from urllib.parse import quote

import filetype
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from portal.models import PrivateFile

# What we accept, by kind: extension -> MIME type found in the file's first bytes.
KINDS: dict[str, dict[str, str]] = {
    "pdf": {"pdf": "application/pdf"},
    "image": {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp"},
}
KINDS["document"] = {**KINDS["pdf"], **KINDS["image"]}

AccessRule = Callable[[object, models.Model], bool]
_access_rules: dict[type[models.Model], AccessRule] = {}


def register_access(model: type[models.Model], rule: AccessRule) -> None:
    _access_rules[model] = rule


# A browser that sniffs a "PDF" may render it as a page if it also reads as HTML (a polyglot):
# a PDF must start with its magic bytes and carry no HTML prolog in its first kilobyte.
HTML_PROLOG = re.compile(
    rb"<\s*(?:!doctype|html|head|body|script|iframe|svg|object|embed|meta)\b", re.IGNORECASE
)
SNIFF_BYTES = 1024
NAME_MAX = 100  # characters of a file name shown and sent back (the stored name is generated)


def pdf_is_plain(head: bytes) -> bool:
    """True for bytes that start as a PDF and do not also read as an HTML page."""
    return head.startswith(b"%PDF-") and not HTML_PROLOG.search(head[:SNIFF_BYTES])


def safe_display_name(name: str | None, fallback: str = "file") -> str:
    """The user's file name as shown and sent back: no folders (`../`), no control
    characters, at most NAME_MAX characters with its extension kept."""
    base = re.split(r"[/\\]", name or "")[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C")
    base = " ".join(base.split()).lstrip(". ")
    stem, dot, extension = base.rpartition(".")
    if not dot:
        stem, extension = base, ""
    extension = extension[:10]
    stem = stem[: NAME_MAX - len(extension) - 1] if extension else base[:NAME_MAX]
    if not stem:
        return f"{fallback}.{extension}" if extension else fallback
    return f"{stem}.{extension}" if extension else stem


def attachment_disposition(name: str) -> str:
    """`Content-Disposition: attachment` with an ASCII fallback and the exact name in
    RFC 5987's `filename*`, for every browser."""
    name = safe_display_name(name)
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = " ".join(re.sub(r"[^A-Za-z0-9._ -]+", "_", ascii_name).split()) or "file"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def check_upload(upload: UploadedFile, kind: str = "document", max_bytes: int | None = None):
    """Return (extension, content_type) or raise ValidationError with a user-facing message."""
    allowed = KINDS[kind]
    limit = max_bytes or settings.UPLOAD_MAX_BYTES
    if upload.size is None or upload.size == 0:
        raise forms.ValidationError(_("The file is empty."), code="empty")
    if upload.size > limit:
        raise forms.ValidationError(
            _("The file is too large (%(size)s). The limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    guessed = filetype.guess(head)
    expected = allowed.get(extension)
    polyglot = expected == "application/pdf" and not pdf_is_plain(head)
    if expected is None or guessed is None or guessed.mime != expected or polyglot:
        raise forms.ValidationError(
            _("This type of file is not accepted. Accepted: %(types)s."),
            code="bad_type",
            params={"types": ", ".join(sorted({e.upper() for e in allowed}))},
        )
    return extension, expected


class PrivateFileField(forms.FileField):
    """A form field that runs check_upload, so bad files come back as form errors."""

    def __init__(self, *args, kind: str = "document", max_bytes: int | None = None, **kwargs):
        self.kind = kind
        self.max_bytes = max_bytes
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", ",".join(f".{e}" for e in KINDS[kind]))

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload is not initial:
            check_upload(upload, self.kind, self.max_bytes)
        return upload


def private_file_store(
    *, upload: UploadedFile, owner, attach_to: models.Model | None = None, kind: str = "document"
) -> PrivateFile:
    extension, content_type = check_upload(upload, kind)
    stored = PrivateFile(
        owner=owner,
        original_name=safe_display_name(upload.name, fallback=f"file.{extension}"),
        extension=extension,
        content_type=content_type,
        size=upload.size or 0,
        attached_to=attach_to,
    )
    stored.file.save(f"upload.{extension}", upload, save=False)
    stored.save()
    return stored


def can_read(user, stored: PrivateFile) -> bool:
    if not user.is_authenticated:
        return False
    if stored.owner_id == user.pk:
        return True
    target = stored.attached_to
    if target is None:
        return False
    rule = _access_rules.get(type(target))
    return bool(rule and rule(user, target))
