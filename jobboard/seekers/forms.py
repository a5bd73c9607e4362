"""Forms of the job seekers (J8): the seeker profile, alone or with the sign-up."""

from allauth.account.forms import SignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from jobboard.postings.models import Posting, ReferenceItem
from jobboard.seekers.services import CONSENT_WORDING

PROFILE_FIELDS = [
    "profile",
    "field_ids",
    "region_ids",
    "outside_quebec",
    "years_on_roll",
    "weekly_digest",
    "consent",
]


def _choices(kind: str) -> list[tuple[int, str]]:
    items = ReferenceItem.objects.filter(kind=kind, active=True).order_by("order", "name_fr")
    return [(item.pk, item.name) for item in items]


class SeekerFieldsForm(forms.Form):
    """Who the seeker is, what they look for, and what they agree to receive."""

    profile = forms.ChoiceField(
        label=_("I am"), choices=Posting.Profile.choices, widget=forms.RadioSelect
    )
    field_ids = forms.TypedMultipleChoiceField(
        label=_("My engineering fields"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    region_ids = forms.TypedMultipleChoiceField(
        label=_("The regions where I would work"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    outside_quebec = forms.BooleanField(label=_("Also outside Quebec"), required=False)
    years_on_roll = forms.IntegerField(
        label=_("Years on the Order's roll"),
        min_value=0,
        max_value=70,
        required=False,
        help_text=_("Engineers only; leave empty for a CPI."),
    )
    weekly_digest = forms.BooleanField(
        label=_("Send me « The jobs of the week » every Monday"), required=False
    )
    consent = forms.BooleanField(label=CONSENT_WORDING, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field_ids"].choices = _choices(ReferenceItem.Kind.FIELD)  # type: ignore[attr-defined]
        self.fields["region_ids"].choices = _choices(ReferenceItem.Kind.REGION)  # type: ignore[attr-defined]

    def profile_data(self) -> dict:
        data = self.cleaned_data
        return {
            "profile": data["profile"],
            "field_ids": data["field_ids"],
            "region_ids": data["region_ids"],
            "outside_quebec": data["outside_quebec"],
            "years_on_roll": data["years_on_roll"] or 0,
            "weekly_digest": data["weekly_digest"],
            "consent": data["consent"],
        }


def profile_initial(seeker) -> dict:
    if seeker is None:
        return {}
    return {
        "profile": seeker.profile,
        "field_ids": seeker.field_ids,
        "region_ids": seeker.region_ids,
        "outside_quebec": seeker.outside_quebec,
        "years_on_roll": seeker.years_on_roll or None,
        "weekly_digest": seeker.weekly_digest,
        "consent": seeker.targeted_consent,
    }


class SeekerSignupForm(SignupForm, SeekerFieldsForm):
    """allauth's sign-up (any e-mail address: gmail is fine for a seeker) with the profile."""
