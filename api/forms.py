from django import forms
from django.utils.translation import gettext_lazy as _

from api.scopes import BY_SERVICE, LABELS


class ApiClientForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the client"),
        max_length=100,
        help_text=_("The system that will use it, e.g. “Our applicant-tracking system”."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("What it may do"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, service: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scopes"].choices = [  # type: ignore[attr-defined]
            (scope, f"{scope} — {LABELS[scope]}") for scope in BY_SERVICE.get(service, [])
        ]
