import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from casework.names import business_number_key
from casework.registry.models import (
    Client,
    EducationEntry,
    Employer,
    EmployerYearForm,
    EmploymentEntry,
    IncomeSource,
    ServicePoint,
)
from portal.files import PrivateFileField


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _not_in_future(day: datetime.date | None):
    if day and day > timezone.localdate():
        raise forms.ValidationError(_("This date is in the future."))
    return day


class ClientSearchForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    birth_date = forms.DateField(label=_("Birth date"), required=False, widget=_date_input())
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.CharField(label=_("E-mail"), max_length=254, required=False)

    def clean(self):
        data = super().clean() or {}
        if not any(data.get(k) for k in ("name", "birth_date", "phone", "email")):
            raise forms.ValidationError(
                _("Enter a name, a birth date, a phone number or an e-mail address.")
            )
        return data


class ClientDetailsForm(forms.ModelForm):
    """The participant form's first page: personal details. No SIN (Q23)."""

    class Meta:
        model = Client
        fields = [
            "first_name",
            "middle_name",
            "last_name",
            "birth_date",
            "language",
            "phone",
            "email",
            "street_address",
            "city",
            "postal_code",
        ]
        widgets = {"birth_date": _date_input()}

    def clean_birth_date(self):
        born = _not_in_future(self.cleaned_data["birth_date"])
        if born and born.year < 1900:
            raise forms.ValidationError(_("Check the birth date."))
        return born

    def validate_unique(self):
        """Duplicates are the registry's business (exact: refused; near: confirmed)."""


class DifferentPersonForm(forms.Form):
    different_person = forms.BooleanField(
        label=_("I checked with the client: this is a different person from everyone listed."),
        required=False,
    )
    reason = forms.CharField(
        label=_("Why is this a different person?"),
        max_length=500,
        required=False,
        help_text=_("For example: another parent's name, another school, met both people."),
    )

    def clean(self):
        data = super().clean() or {}
        if data.get("different_person") and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why this is a different person."))
        return data


class EducationForm(forms.ModelForm):
    class Meta:
        model = EducationEntry
        fields = ["level", "institution", "program", "start_date", "end_date", "completed"]
        widgets = {"start_date": _date_input(), "end_date": _date_input()}

    def clean(self):
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return data


class EmploymentForm(forms.ModelForm):
    class Meta:
        model = EmploymentEntry
        fields = ["employer_name", "position", "start_date", "end_date", "hours_per_week"]
        widgets = {"start_date": _date_input(), "end_date": _date_input()}

    def clean(self):
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return data


class IncomeSourceForm(forms.Form):
    income_source = forms.ChoiceField(
        label=_("Income source"),
        choices=IncomeSource.choices,
        widget=forms.RadioSelect,
        help_text=_("Mandatory for an SJS plan. Most students choose “No income / student”."),
        error_messages={"required": _("Choose the client's income source.")},
    )


class ConsentForm(forms.Form):
    explained_in_presence = forms.BooleanField(
        label=_("I explained this notice to the client, who signed the consent in my presence."),
        error_messages={
            "required": _("Consent is recorded only once explained and signed in your presence.")
        },
    )
    signed_on = forms.DateField(label=_("Signed on"), widget=_date_input())
    signed_file = PrivateFileField(
        label=_("The signed participant form (PDF or image)"), kind="document"
    )
    notice_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, notice, **kwargs):
        super().__init__(*args, **kwargs)
        self.notice = notice
        self.fields["notice_version"].initial = notice.version
        self.fields["signed_on"].initial = timezone.localdate()

    def clean_signed_on(self):
        return _not_in_future(self.cleaned_data["signed_on"])

    def clean_notice_version(self):
        if self.cleaned_data["notice_version"] != self.notice.version:
            raise forms.ValidationError(
                _("The notice of collection changed: read the new version with the client.")
            )
        return self.cleaned_data["notice_version"]


class WithdrawConsentForm(forms.Form):
    note = forms.CharField(
        label=_("How and when the client withdrew consent"),
        max_length=500,
        error_messages={"required": _("Say how the client withdrew consent.")},
    )


class ServeClientForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("The client asked our organisation for services."),
        error_messages={"required": _("Confirm that the client asked you for services.")},
    )


# --- Employers ------------------------------------------------------------------------------

BUSINESS_NUMBER = re.compile(r"^\d{9}([A-Z]{2}\d{4})?$")


class EmployerSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or business number"), max_length=200, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)

    def clean(self):
        data = super().clean() or {}
        if not (data.get("q") or "").strip() and not (data.get("city") or "").strip():
            raise forms.ValidationError(_("Enter a name, a business number or a city."))
        return data


class EmployerForm(forms.ModelForm):
    confirm_new = forms.BooleanField(
        label=_("None of the employers with a close name is this one."),
        required=False,
    )

    class Meta:
        model = Employer
        fields = [
            "legal_name",
            "operating_name",
            "business_number",
            "contact_name",
            "phone",
            "email",
            "street_address",
            "city",
            "postal_code",
        ]

    def clean_business_number(self):
        key = business_number_key(self.cleaned_data["business_number"])
        if not BUSINESS_NUMBER.match(key):
            raise forms.ValidationError(
                _("A business number has 9 digits, optionally followed by its program account.")
            )
        if Employer.objects.filter(business_number_key=key).exists():
            raise forms.ValidationError(
                _("An employer with this business number is already registered: use it.")
            )
        return self.cleaned_data["business_number"]

    def validate_unique(self):
        """The business number is checked above, on its normalised form."""


class EmployerYearFormForm(forms.ModelForm):
    signed_file = PrivateFileField(label=_("The signed SJS employer form (PDF or image)"))

    class Meta:
        model = EmployerYearForm
        fields = [
            "year",
            "sector",
            "employees",
            "positions_offered",
            "wsib_covered",
            "signer_name",
            "signer_title",
            "signed_on",
        ]
        widgets = {"signed_on": _date_input()}

    def __init__(self, *args, employer, **kwargs):
        super().__init__(*args, **kwargs)
        self.employer = employer
        self.fields["year"].initial = timezone.localdate().year
        self.fields["year"].help_text = _("The year printed on the signed form.")
        self.fields["wsib_covered"].required = False

    def clean_signed_on(self):
        return _not_in_future(self.cleaned_data["signed_on"])

    def clean_year(self):
        year = self.cleaned_data["year"]
        this_year = timezone.localdate().year
        if year != this_year:
            raise forms.ValidationError(
                _("Only this year's SJS employer form (%(year)s) is accepted: ask for a new one.")
                % {"year": this_year}
            )
        if EmployerYearForm.objects.filter(employer=self.employer, year=year).exists():
            raise forms.ValidationError(_("This employer already has its form for this year."))
        return year

    def validate_unique(self):
        """Checked in clean_year (the employer is not a field of the form)."""


# --- Ministry ---------------------------------------------------------------------------------


class ProviderForm(forms.Form):
    legal_name = forms.CharField(label=_("Legal name"), max_length=200)
    seats = forms.IntegerField(
        label=_("Seats (concurrent users)"),
        min_value=1,
        max_value=500,
        help_text=_("The provider may create more accounts; only this many may be signed in."),
    )
    street_address = forms.CharField(label=_("Street address"), max_length=200, required=False)
    city = forms.CharField(label=_("City"), max_length=100)
    postal_code = forms.CharField(label=_("Postal code"), max_length=10, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)


class ManagerForm(forms.Form):
    manager_email = forms.EmailField(
        label=_("E-mail of the provider's manager"),
        help_text=_("The person signs up first; they become the provider's manager."),
    )

    def clean_manager_email(self):
        self.user = User.objects.filter(
            email__iexact=self.cleaned_data["manager_email"], is_active=True
        ).first()
        if self.user is None:
            raise forms.ValidationError(
                _("No account uses this e-mail: ask the person to sign up first.")
            )
        return self.cleaned_data["manager_email"]


class SeatsForm(forms.Form):
    seats = forms.IntegerField(label=_("Seats (concurrent users)"), min_value=1, max_value=500)


class ServicePointForm(forms.ModelForm):
    class Meta:
        model = ServicePoint
        fields = ["eo_id", "name", "street_address", "city", "postal_code"]


class DuplicateDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, suspicion, **kwargs):
        super().__init__(*args, **kwargs)
        keep = _("Same person: keep the record of %(name)s, no. %(number)s")
        self.fields["decision"].choices = [  # type: ignore[attr-defined]
            ("distinct", _("Different people")),
            *(
                (f"keep_{c.pk}", keep % {"name": c.full_name, "number": c.pk})
                for c in (suspicion.similar_to, suspicion.client)
            ),
        ]
