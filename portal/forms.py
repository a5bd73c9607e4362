import re

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.files import check_upload
from portal.models import Group, Organisation, Review
from portal.roles import roles_for_service
from portal.service_registry import services


def service_choices() -> list[tuple[str, str]]:
    return [(s.key, str(s.name)) for s in services() if s.staff_role]


class LogoField(forms.ImageField):
    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload is not initial and hasattr(upload, "size"):
            check_upload(upload, "image", max_bytes=2 * 1024 * 1024)
        return upload


class OrganisationSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name or registry number (NEQ)"),
        max_length=100,
        required=False,
        widget=forms.TextInput({"type": "search", "autocomplete": "off"}),
    )


class OrganisationRequestForm(forms.ModelForm):
    service = forms.ChoiceField(label=_("For which service?"), choices=service_choices)

    class Meta:
        model = Organisation
        fields = [
            "kind",
            "legal_name",
            "operating_name",
            "registry_number",
            "street_address",
            "city",
            "province",
            "postal_code",
            "phone",
            "website",
            "description",
        ]
        widgets = {"description": forms.Textarea({"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("street_address", "city", "province", "postal_code", "phone"):
            self.fields[name].required = True  # mandatory company fields (J1)

    def clean_registry_number(self) -> str:
        number = re.sub(r"[\s-]", "", self.cleaned_data["registry_number"]).upper()
        if number and not re.fullmatch(r"[0-9A-Z]{6,20}", number):
            raise forms.ValidationError(_("Enter 6 to 20 letters or digits."))
        return number

    def clean_postal_code(self) -> str:
        code = re.sub(r"\s", "", self.cleaned_data["postal_code"]).upper()
        if code and not re.fullmatch(r"[A-Z]\d[A-Z]\d[A-Z]\d", code):
            raise forms.ValidationError(_("Enter a Canadian postal code, e.g. K1P 1J1."))
        return f"{code[:3]} {code[3:]}" if code else code


class GroupRequestForm(forms.Form):
    name = forms.CharField(label=_("Name of the new group"), max_length=120)
    service = forms.ChoiceField(label=_("For which service?"), choices=service_choices)


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the group's managers (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea({"rows": 2}),
    )


class GroupDetailsForm(forms.ModelForm):
    logo = LogoField(label=_("Logo"), required=False)

    class Meta:
        model = Group
        fields = ["description", "contact_email", "phone", "website", "logo"]
        widgets = {"description": forms.Textarea({"rows": 4})}


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        required=False,
        widget=forms.CheckboxSelectMultiple({"class": "form-check-input"}),
    )

    def __init__(self, *args, group: Group, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["roles"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(role.key, str(role.label)) for role in roles_for_service(group.service)]


class RequestDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("refuse", _("Refuse"))])
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)


class ReviewDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Review.Decision.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note to the applicant (e-mailed; required to ask for changes or refuse)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 3}),
    )

    def clean(self):
        data = super().clean() or {}
        if (
            data.get("decision") in {"request_changes", "refuse"}
            and not data.get("note", "").strip()
        ):
            self.add_error("note", _("Write a note to the applicant explaining the decision."))
        return data
