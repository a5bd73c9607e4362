from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from licensing.models import LicenceCode
from portal.files import PrivateFileField

MIN_LICENCES, MAX_LICENCES = 5, 100


class BuyForm(forms.Form):
    quantity = forms.IntegerField(
        label=_("Number of licences"),
        help_text=_("From 5 to 100 licences per order, at $50 each. You can order again any time."),
        error_messages={
            "invalid": _("Enter a whole number of licences."),
            "required": _("Enter the number of licences."),
        },
    )

    def clean_quantity(self):
        quantity = self.cleaned_data["quantity"]
        if not MIN_LICENCES <= quantity <= MAX_LICENCES:
            raise forms.ValidationError(
                _(
                    "An order has from 5 to 100 licences (you asked for %(n)s). "
                    "For more, place several orders."
                ),
                params={"n": quantity},
            )
        return quantity


class CodeNotesForm(forms.ModelForm):
    class Meta:
        model = LicenceCode
        fields = ["assigned_to", "assigned_on"]
        widgets = {"assigned_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class ApplicationForm(forms.Form):
    certification: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Certification"), queryset=None, empty_label=None, widget=forms.RadioSelect
    )
    qualifications = PrivateFileField(
        label=_("Proof of qualifications and experience (PDF or image)"), kind="document"
    )
    identity = PrivateFileField(label=_("Identity document (PDF or image)"), kind="document")
    other = PrivateFileField(label=_("Other document (optional)"), kind="document", required=False)
    code = forms.CharField(
        label=_("Licence code from your company (optional)"),
        help_text=_(
            "Entering it now lets your company follow your progress. You redeem it once approved."
        ),
        max_length=40,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        from licensing.queries import certifications

        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["certification"]).queryset = certifications()

    def documents(self) -> list:
        return [
            f
            for f in (self.cleaned_data.get(k) for k in ("qualifications", "identity", "other"))
            if f
        ]


class ResubmitForm(forms.Form):
    document = PrivateFileField(label=_("Additional document"), kind="document", required=False)


class RedeemForm(forms.Form):
    code = forms.CharField(
        label=_("Licence code"),
        max_length=40,
        help_text=_(
            "16 letters and digits, as given by your company; hyphens and spaces do not matter."
        ),
        error_messages={"required": _("Enter the licence code.")},
    )


class ExamForm(forms.Form):
    result = forms.ChoiceField(
        label=_("Exam result"),
        choices=[("pass", _("Passed")), ("fail", pgettext_lazy("exam result", "Failed"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)
