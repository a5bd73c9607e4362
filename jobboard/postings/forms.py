"""The posting wizard's forms (one per step) and the shop's form."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobboard.postings.models import Posting, ReferenceItem
from jobboard.postings.richtext import clean_html, is_blank
from jobboard.postings.services import publication_date_problems

K = ReferenceItem.Kind
RICH_FIELDS = [
    f"{name}_{lang}"
    for name in ("purpose", "duties", "qualifications", "more")
    for lang in ("fr", "en")
]
REQUIRED_FR = ("purpose_fr", "duties_fr", "qualifications_fr")


def _choices(field, choices) -> None:
    """Radio buttons and selects without the model's blank "---------" entry."""
    field.choices = choices


class ReferenceChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name


class PlaceChoices(ReferenceChoices):
    """Cities and regions share names (Montréal, Laval): say which is which."""

    def label_from_instance(self, obj):
        kind = _("region") if obj.kind == ReferenceItem.Kind.REGION else _("city")
        return f"{obj.name} ({kind})"


class ReferenceChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _items(*kinds):
    return ReferenceItem.objects.filter(kind__in=kinds, active=True).order_by(
        "kind", "order", "name_fr"
    )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Posting
        fields = ["profile"]
        widgets = {"profile": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].required = True
        _choices(self.fields["profile"], Posting.Profile.choices)


class DetailsForm(forms.ModelForm):
    function_type = ReferenceChoice(queryset=_items(K.FUNCTION), label=_("Function type"))
    domains = ReferenceChoices(queryset=_items(K.FIELD), label=_("Engineering fields"))
    places = PlaceChoices(
        queryset=_items(K.REGION, K.CITY), label=_("Cities and regions of Quebec"), required=False
    )
    interests = ReferenceChoices(queryset=_items(K.INTEREST), label=_("Interests"), required=False)

    class Meta:
        model = Posting
        fields = [
            "title_fr", "title_en", "function_type", "domains", "employment_type",
            "position_status", "work_mode", "apply_deadline", "salary_note", "reference",
            "years_on_roll", "location_kind", "street_address", "city", "postal_code", "places",
            "interests", *RICH_FIELDS,
        ]  # fmt: skip
        widgets = {
            "apply_deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "location_kind": forms.RadioSelect,
            **{
                name: forms.Textarea(attrs={"rows": 5, "data-richtext": "1"})
                for name in RICH_FIELDS
            },
        }
        help_texts = {
            "salary_note": _("Optional, 50 characters at most."),
            "apply_deadline": _("The Apply button is switched off after this date."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in (
            "title_fr", "employment_type", "position_status", "work_mode", "apply_deadline",
            "location_kind", *REQUIRED_FR,
        ):  # fmt: skip
            self.fields[name].required = True
        for name in ("employment_type", "position_status", "work_mode", "years_on_roll"):
            field = self.fields[name]
            _choices(field, [("", "—"), *list(getattr(field, "choices", []))[1:]])
        _choices(self.fields["location_kind"], Posting.Location.choices)
        if self.instance.profile == Posting.Profile.CPI:
            del self.fields["years_on_roll"]

    def clean(self):
        data = super().clean() or {}
        for name in RICH_FIELDS:
            if name in data:
                data[name] = clean_html(data[name])
        for name in REQUIRED_FR:
            if name in data and is_blank(data[name]):
                self.add_error(name, _("This section is required in French."))
        deadline = data.get("apply_deadline")
        if deadline and deadline < timezone.localdate():
            self.add_error("apply_deadline", _("The deadline cannot be in the past."))
        kind = data.get("location_kind")
        if kind == Posting.Location.ADDRESS:
            for name in ("street_address", "city"):
                if not data.get(name):
                    self.add_error(name, _("Give the full address in Quebec."))
        if kind == Posting.Location.PLACES and not data.get("places"):
            self.add_error("places", _("Choose at least one city or region of Quebec."))
        if kind != Posting.Location.PLACES:
            data["places"] = ReferenceItem.objects.none()
        return data


class ConfigurationForm(forms.ModelForm):
    apply_url = forms.URLField(
        label=_("Address of the application page"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Check that the link opens the right page."),
    )

    class Meta:
        model = Posting
        fields = [
            "featured",
            "publish_mode",
            "publish_on",
            "apply_mode",
            "apply_url",
            "apply_email",
        ]
        widgets = {
            "publish_mode": forms.RadioSelect,
            "apply_mode": forms.RadioSelect,
            "publish_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "featured": _(
                "Shown in the Featured section of the site and of the weekly e-mail for 7 "
                "days (needs a featured credit)."
            ),
            "publish_on": _("At least 3 business days after you submit (holidays excluded)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self.fields["publish_mode"], Posting.PublishMode.choices)
        _choices(self.fields["apply_mode"], Posting.ApplyMode.choices)
        self.fields["apply_mode"].required = True

    def clean_apply_url(self):
        url = self.cleaned_data["apply_url"].strip()
        if url and not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(_("Give a web address starting with http:// or https://."))
        return url

    def clean(self):
        data = super().clean() or {}
        if data.get("publish_mode") == Posting.PublishMode.ON_DATE:
            for problem in publication_date_problems(data.get("publish_on"), timezone.localdate()):
                self.add_error("publish_on", problem)
        else:
            data["publish_on"] = None
        mode = data.get("apply_mode")
        if (
            mode == Posting.ApplyMode.URL
            and not data.get("apply_url")
            and "apply_url" not in self.errors
        ):
            self.add_error("apply_url", _("Give the address of your application page."))
        if mode == Posting.ApplyMode.EMAIL and not data.get("apply_email"):
            self.add_error("apply_email", _("Give the e-mail address receiving applications."))
        return data


class StaffEditForm(DetailsForm):
    """Regulator staff adjust the details and description before approving."""


class BuyForm(forms.Form):
    product = forms.CharField(widget=forms.HiddenInput)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=20, initial=1)


class PriceForm(forms.Form):
    price = forms.DecimalField(
        label=_("Price ($)"), min_value=0, max_digits=8, decimal_places=2, localize=True
    )

    def cents(self) -> int:
        return int(self.cleaned_data["price"] * 100)
