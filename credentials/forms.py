from pathlib import PurePath

from django import forms
from django.utils.translation import gettext_lazy as _

from credentials.models import CredentialClass, CredentialType

MAX_BYTES = 50 * 1024 * 1024


class RegistryUploadForm(forms.Form):
    file = forms.FileField(label=_("Public operator list (CSV, UTF-8)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if PurePath(upload.name or "").suffix.lower() != ".csv":
            raise forms.ValidationError(_("Upload a .csv file."))
        if not upload.size:
            raise forms.ValidationError(_("The file is empty."))
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is too large (50 MB at most)."))
        raw = upload.read()
        if b"\x00" in raw[:8192]:
            raise forms.ValidationError(_("This is not a text file."))
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file must be encoded in UTF-8.")) from None


class CredentialTypeForm(forms.ModelForm):
    class Meta:
        model = CredentialType
        fields = ["name_fr", "name_en", "active", "order"]


class CredentialClassForm(forms.ModelForm):
    class Meta:
        model = CredentialClass
        fields = ["code", "name_fr", "name_en", "order"]

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper()
