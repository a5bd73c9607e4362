from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from permits.models import Application, ApplicationTemplate, ContractorAccount, Inspection
from permits.roles import MANAGE_LABEL, PERMISSION_ROLES
from portal.files import PrivateFileField
from portal.forms import OrganisationRequestForm
from portal.roles import MANAGER


class PinForm(forms.Form):
    pin = forms.CharField(
        label=_("Professional/contractor PIN"),
        max_length=30,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "placeholder": "XXX-XXX-XXX", "spellcheck": "false"}
        ),
    )


class ContractorForm(forms.Form):
    legal_name = forms.CharField(
        label=pgettext_lazy("contractor", "Legal name"),
        max_length=200,
        help_text=_("Please enter the legal name of the business."),
    )
    operating_name = forms.CharField(
        label=_("Business operating as"),
        max_length=200,
        required=False,
        help_text=_("Please enter the name the business operates under, if it differs."),
    )
    tarion_number = forms.CharField(
        label=_("Tarion registration number"), max_length=30, required=False
    )
    contact_name = forms.CharField(label=_("Contact name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30)
    street_address = forms.CharField(label=_("Street address"), max_length=200)
    city = forms.CharField(label=_("City"), max_length=100)
    province = forms.ChoiceField(
        label=_("Province"),
        choices=ContractorAccount._meta.get_field("province").choices,  # type: ignore[arg-type]
        initial="ON",
    )
    postal_code = forms.CharField(label=_("Postal code"), max_length=10)

    SECTIONS = (
        (_("Details"), ("legal_name", "operating_name", "tarion_number")),
        (_("Contact"), ("contact_name", "email", "phone")),
        (_("Mailing address"), ("street_address", "city", "province", "postal_code")),
    )

    # The same Canadian postal code check as the core's organisation form.
    clean_postal_code = OrganisationRequestForm.clean_postal_code

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]


class BankingForm(forms.ModelForm):
    class Meta:
        model = ContractorAccount
        fields = [
            "account_holder",
            "institution_number",
            "transit_number",
            "account_last4",
            "city_customer_number",
        ]
        help_texts = {
            "institution_number": _("Three digits, from a void cheque."),
            "transit_number": _("Five digits, from a void cheque."),
            "account_last4": _("Only the last four digits are kept. Never enter a card number."),
        }

    def clean(self):
        data = super().clean() or {}
        bank = [data.get(f) for f in ("institution_number", "transit_number", "account_last4")]
        if any(bank) and not all(bank):
            raise forms.ValidationError(
                _("Enter the institution, transit and last four digits together.")
            )
        for field, size in (("institution_number", 3), ("transit_number", 5), ("account_last4", 4)):
            value = data.get(field)
            if value and len(value) != size:
                self.add_error(field, _("Enter exactly %(n)s digits.") % {"n": size})
        return data


class RolesGridForm(forms.Form):
    """The "Linked accounts" grid: one set of tick-boxes per linked person."""

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(MANAGER, MANAGE_LABEL)] + [(role.key, role.label) for role in PERMISSION_ROLES]
        self.members = list(members)
        for member in self.members:
            self.fields[f"roles-{member.pk}"] = forms.MultipleChoiceField(
                choices=choices, required=False, widget=forms.CheckboxSelectMultiple
            )

    def wanted(self) -> dict[int, list[str]]:
        return {m.pk: self.cleaned_data[f"roles-{m.pk}"] for m in self.members}


class SelectedRowsForm(forms.Form):
    ACTIONS = (
        ("clear", _("Remove permissions")),
        ("remove", _("Remove from the account")),
    )
    action = forms.ChoiceField(choices=ACTIONS)
    selected = forms.TypedMultipleChoiceField(
        coerce=int,
        error_messages={
            "required": _("Select at least one person."),
        },
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        selected = self.fields["selected"]
        assert isinstance(selected, forms.TypedMultipleChoiceField)
        selected.choices = [(m.pk, str(m.pk)) for m in members]


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["kind", "site_address", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class TemplateForm(forms.ModelForm):
    class Meta:
        model = ApplicationTemplate
        fields = ["name", "kind", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class DocumentForm(forms.Form):
    file = PrivateFileField(label=_("Document (PDF or image)"), kind="document")


class InspectionForm(forms.ModelForm):
    class Meta:
        model = Inspection
        fields = ["kind", "wanted_on", "notes"]
        widgets = {"wanted_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
