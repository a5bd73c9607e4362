from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from portal.alerts import registered_alerts


class SignupProfileForm(forms.Form):
    """Extra sign-up fields; allauth adds e-mail and password (ACCOUNT_SIGNUP_FORM_CLASS)."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput({"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput({"autocomplete": "family-name"}),
    )

    def signup(self, request, user: User) -> None:
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])


class ProfileForm(forms.ModelForm):
    """The profile shared by every service: names, phone, language (C2)."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "phone", "language"]
        widgets = {
            "first_name": forms.TextInput({"autocomplete": "given-name"}),
            "last_name": forms.TextInput({"autocomplete": "family-name"}),
            "phone": forms.TextInput({"autocomplete": "tel", "type": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.fields["phone"].help_text = _("Example: 613-555-0123")

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        digits = [c for c in phone if c.isdigit()]
        if phone and not (10 <= len(digits) <= 15):
            raise forms.ValidationError(_("Enter a phone number with 10 to 15 digits."))
        if any(not (c.isdigit() or c in " +-().x") for c in phone):
            raise forms.ValidationError(_("Enter a phone number with 10 to 15 digits."))
        return phone


class AlertPreferencesForm(forms.Form):
    """One checkbox per optional alert the apps declare."""

    def __init__(self, *args, choices: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        for alert in registered_alerts():
            self.fields[alert.key] = forms.BooleanField(
                label=str(alert.label),
                required=False,
                initial=choices.get(alert.key, alert.default),
            )
