"""Forms of the employer onboarding, the company information and "My profile" (J1, J2)."""

import re

from allauth.account.forms import SignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from jobboard.employer.models import EmployerApplication
from jobboard.employer.services import free_mail_refusal, is_free_mail
from portal.forms import LogoField
from portal.lib.canada import Province
from portal.models import Group


def clean_phone(value: str) -> str:
    """The core profile's rule: 10 to 15 digits, with spaces, +, -, parentheses or x."""
    phone = value.strip()
    digits = [c for c in phone if c.isdigit()]
    if not (10 <= len(digits) <= 15) or any(not (c.isdigit() or c in " +-().x") for c in phone):
        raise forms.ValidationError(_("Enter a phone number with 10 to 15 digits."))
    return phone


def clean_postal_code(value: str) -> str:
    code = re.sub(r"\s", "", value).upper()
    if not re.fullmatch(r"[A-Z]\d[A-Z]\d[A-Z]\d", code):
        raise forms.ValidationError(_("Enter a Canadian postal code, e.g. K1P 1J1."))
    return f"{code[:3]} {code[3:]}"


def clean_extension(value: str) -> str:
    value = value.strip()
    if value and not value.isdigit():
        raise forms.ValidationError(_("An extension has digits only."))
    return value


class EmployerSignupForm(SignupForm):
    """allauth's sign-up with the job board's rule: a professional e-mail (J1)."""

    def clean_email(self) -> str:
        email = super().clean_email()
        if email and is_free_mail(email):
            raise forms.ValidationError(free_mail_refusal(), code="free_mail")
        return email


class CompanySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Company name, keyword or enterprise number (NEQ)"),
        max_length=100,
        required=False,
        widget=forms.TextInput({"type": "search", "autocomplete": "organization"}),
    )


class CompanyFieldsForm(forms.ModelForm):
    """The company's mandatory fields: all required (J1)."""

    class Meta:
        model = EmployerApplication
        fields = [
            "legal_name",
            "street_address",
            "city",
            "province",
            "country",
            "postal_code",
            "company_phone",
        ]
        widgets = {
            "street_address": forms.TextInput({"autocomplete": "street-address"}),
            "postal_code": forms.TextInput({"autocomplete": "postal-code"}),
            "company_phone": forms.TextInput({"type": "tel", "autocomplete": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True

    def clean_postal_code(self) -> str:
        value = self.cleaned_data["postal_code"]
        if self.cleaned_data.get("country", "").strip().lower() not in {"canada", ""}:
            return value.strip()  # a head office abroad keeps its own format
        return clean_postal_code(self.cleaned_data["postal_code"])

    def clean_company_phone(self) -> str:
        return clean_phone(self.cleaned_data["company_phone"])


class NewCompanyForm(CompanyFieldsForm):
    """Requesting a company that is not in the register: the same fields plus its numbers."""

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta(CompanyFieldsForm.Meta):
        fields = [
            "legal_name",
            "operating_name",
            "registry_number",
            *[f for f in CompanyFieldsForm.Meta.fields if f != "legal_name"],
            "website",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("operating_name", "registry_number", "website"):
            self.fields[name].required = False
        self.fields["registry_number"].help_text = _("10 digits, if the company has one.")

    def clean_registry_number(self) -> str:
        number = re.sub(r"[\s-]", "", self.cleaned_data["registry_number"])
        if number and not re.fullmatch(r"\d{10}", number):
            raise forms.ValidationError(_("An NEQ has 10 digits."))
        return number


NEW_GROUP = "new"


class AboutYouForm(forms.Form):
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        widget=forms.TextInput({"type": "tel", "autocomplete": "tel"}),
    )
    phone_extension = forms.CharField(
        label=_("Extension (if any)"),
        max_length=10,
        required=False,
        widget=forms.TextInput({"inputmode": "numeric"}),
    )
    job_title = forms.CharField(
        label=_("Function in the company"),
        max_length=120,
        widget=forms.TextInput({"autocomplete": "organization-title"}),
    )
    group = forms.ChoiceField(label=_("Group"), widget=forms.RadioSelect)

    def __init__(self, *args, groups: list[Group], new_group_label: str, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["group"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            *[
                (str(g.pk), _("Existing group: %(name)s") % {"name": g.display_name})
                for g in groups
            ],
            (NEW_GROUP, new_group_label),
        ]
        self.groups = {str(g.pk): g for g in groups}

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])

    def clean_phone_extension(self) -> str:
        return clean_extension(self.cleaned_data["phone_extension"])

    def chosen_group(self) -> Group | None:
        return self.groups.get(self.cleaned_data["group"])


class CompanyInfoForm(forms.Form):
    """What the group shows on its postings (J2): core Group fields and the job board's."""

    company_name = forms.CharField(label=_("Company name"), max_length=200)
    display_group_name = forms.CharField(
        label=_("Group name (optional, useful when the company has several groups)"),
        max_length=120,
        required=False,
    )
    logo = LogoField(
        label=_("Company logo (required before the first posting; PNG, JPEG or WebP, 2 MB)"),
        required=False,
    )
    description = forms.CharField(
        label=_("Group description"), required=False, widget=forms.Textarea({"rows": 3})
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    street_address = forms.CharField(label=_("Company address"), max_length=200)
    city = forms.CharField(label=_("City"), max_length=100)
    province = forms.ChoiceField(label=_("Province"), choices=Province.choices)
    postal_code = forms.CharField(label=_("Postal code"), max_length=10)
    phone = forms.CharField(label=_("Phone"), max_length=30)
    company_description = forms.CharField(
        label=_("Company description"), required=False, widget=forms.Textarea({"rows": 5})
    )

    GROUP_FIELDS = ("logo", "description", "website", "phone")

    def clean_postal_code(self) -> str:
        return clean_postal_code(self.cleaned_data["postal_code"])

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])

    def split(self, group: Group) -> tuple[dict, dict]:
        data = dict(self.cleaned_data)
        if not data.get("logo"):
            data["logo"] = group.logo  # no new file: keep the current logo
        group_fields = {name: data.pop(name) for name in self.GROUP_FIELDS}
        return group_fields, data


class EmployerProfileForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        widget=forms.TextInput({"type": "tel", "autocomplete": "tel"}),
    )
    phone_extension = forms.CharField(label=_("Extension (if any)"), max_length=10, required=False)
    job_title = forms.CharField(label=_("Function in the company"), max_length=120)

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])

    def clean_phone_extension(self) -> str:
        return clean_extension(self.cleaned_data["phone_extension"])


class FreeMailDomainForm(forms.Form):
    domain = forms.CharField(label=_("Domain (e.g. gmail.com)"), max_length=120)

    def clean_domain(self) -> str:
        domain = self.cleaned_data["domain"].strip().lower().lstrip("@")
        if not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", domain):
            raise forms.ValidationError(_("Enter a domain such as gmail.com."))
        return domain
