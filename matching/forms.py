import re

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from credentials.models import CredentialClass, CredentialType
from matching.models import Facility, Shift, Weekday
from matching.reference import reference
from portal.models import Organisation


def water_types():
    return CredentialType.objects.filter(family=CredentialType.Family.WATER_OPERATOR, active=True)


def water_classes():
    return CredentialClass.objects.filter(
        type__family=CredentialType.Family.WATER_OPERATOR, type__active=True
    ).select_related("type")


class ClassChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return class_label(obj)


def class_label(obj) -> str:
    return f"{obj.type.name} — {obj.name}"


class ReferenceChoiceField(forms.ChoiceField):
    """One of matching's cached reference objects (matching.reference): the same options,
    cleaned object and errors as a ModelChoiceField over them, without its queries. The
    options are listed when the form is rendered, in the active language."""

    default_error_messages = {
        "invalid_choice": forms.ModelChoiceField.default_error_messages["invalid_choice"],
    }

    def __init__(self, *, objects, empty_label, label_from_instance=str, **kwargs):
        self.objects = objects  # () -> list of the objects, in their order
        self.label_from_instance = label_from_instance
        self.empty_label = empty_label
        super().__init__(choices=self._choices_now, **kwargs)

    def _choices_now(self) -> list:
        options = [(obj.pk, self.label_from_instance(obj)) for obj in self.objects()]
        return [("", self.empty_label), *options]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        ProhibitNullCharactersValidator()(value)
        try:
            pk = int(value)
        except (ValueError, TypeError):
            pk = None
        found = next((obj for obj in self.objects() if obj.pk == pk), None)
        if found is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return found

    def validate(self, value) -> None:
        forms.Field.validate(self, value)  # to_python checked the choice


class ReferenceMultipleChoiceField(forms.MultipleChoiceField):
    """Several of matching's cached reference objects: the same options, cleaned objects (in
    the reference order) and errors as a ModelMultipleChoiceField over them, without queries."""

    default_error_messages = forms.ModelMultipleChoiceField.default_error_messages

    def __init__(self, *, objects, **kwargs):
        self.objects = objects
        super().__init__(choices=self._choices_now, **kwargs)

    def _choices_now(self) -> list:
        return [(obj.pk, str(obj)) for obj in self.objects()]

    def clean(self, value) -> list:
        if not value:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        if not isinstance(value, (list, tuple)):
            raise forms.ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        try:
            values = frozenset(value)
        except TypeError:
            raise forms.ValidationError(
                self.error_messages["invalid_list"], code="invalid_list"
            ) from None
        for pk in values:
            ProhibitNullCharactersValidator()(pk)
            try:
                int(pk)
            except (ValueError, TypeError):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                ) from None
        objects = self.objects()
        known = {str(obj.pk) for obj in objects}
        for val in values:
            if str(val) not in known:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": val},
                )
        self.run_validators(value)
        chosen = {str(val) for val in values}
        return [obj for obj in objects if str(obj.pk) in chosen]


class OperatorSignupForm(forms.Form):
    contact_phone = forms.CharField(label=_("Phone shown to owners"), max_length=30)
    contact_email = forms.EmailField(label=_("E-mail shown to owners"))
    home_municipality = forms.CharField(label=_("City or town"), max_length=120, required=False)


class OperatorProfileForm(forms.Form):
    operator_id = forms.CharField(
        label=_("Operator ID number"),
        max_length=12,
        help_text=_("Eight digits, as shown on the public operator list."),
    )
    contact_phone = forms.CharField(label=_("Phone shown to owners"), max_length=30)
    contact_email = forms.EmailField(label=_("E-mail shown to owners"))
    home_municipality = forms.CharField(label=_("City or town"), max_length=120, required=False)

    def clean_operator_id(self) -> str:
        value = re.sub(r"[\s-]", "", self.cleaned_data["operator_id"])
        if not re.fullmatch(r"[0-9]{8}", value):
            raise forms.ValidationError(_("The operator ID number has eight digits."))
        return value


class CredentialForm(forms.Form):
    number = forms.CharField(label=_("Certificate or licence number"), max_length=40)
    type = forms.ModelChoiceField(label=_("Type"), queryset=water_types())
    credential_class = ClassChoiceField(label=_("Class"), queryset=water_classes())
    expires_on = forms.DateField(
        label=_("Expiry date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self):
        data = super().clean() or {}
        type_, class_ = data.get("type"), data.get("credential_class")
        if type_ and class_ and class_.type_id != type_.pk:
            self.add_error("credential_class", _("This class does not belong to this type."))
        expires = data.get("expires_on")
        if expires and expires < timezone.localdate():
            self.add_error("expires_on", _("This certificate or licence has expired."))
        return data


class AgreementForm(forms.Form):
    agree = forms.BooleanField(
        label=_(
            "I have read the user agreement and confirm that the information in my profile is "
            "accurate. I agree that it be shown to verified system owners."
        ),
        required=False,
    )

    def __init__(self, *args, for_owner: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.for_owner = for_owner
        if for_owner:
            self.fields["agree"].label = _(
                "I have read the user agreement and confirm that the information about my "
                "organisation and its facilities is accurate. I will use operators' contact "
                "details only to offer them work at these facilities."
            )


class AvailabilityForm(forms.Form):
    available = forms.BooleanField(label=_("I am available for work"), required=False)
    days = forms.TypedMultipleChoiceField(
        label=_("Days of the week"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    shift = forms.ChoiceField(label=_("Shifts"), choices=Shift.choices, widget=forms.RadioSelect)
    regions = ReferenceMultipleChoiceField(
        label=_("Regions where I will work"),
        objects=lambda: reference().regions,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self):
        data = super().clean() or {}
        if data.get("available") and (not data.get("days") or not data.get("regions")):
            raise forms.ValidationError(
                _("To be available, choose at least one day and one region.")
            )
        return data


class OwnerSignupForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "kind",
            "legal_name",
            "street_address",
            "city",
            "postal_code",
            "phone",
            "website",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [
            (Organisation.Kind.MUNICIPALITY, _("Municipality")),
            (Organisation.Kind.FIRST_NATION, _("First Nation")),
            (Organisation.Kind.COMPANY, _("Company or operating authority")),
            (Organisation.Kind.PUBLIC_BODY, _("Public body or federal-land facility")),
            (Organisation.Kind.OTHER, _("Other")),
        ]
        for name in ("street_address", "city", "postal_code", "phone"):
            self.fields[name].required = True


class FacilityForm(forms.ModelForm):
    class Meta:
        model = Facility
        fields = ["certificate_number", "name", "regulated"]


class SearchForm(forms.Form):
    region = ReferenceChoiceField(
        label=_("Region"),
        objects=lambda: reference().regions,
        required=False,
        empty_label=_("Anywhere"),
    )
    credential_type = ReferenceChoiceField(
        label=_("Certificate type"),
        objects=lambda: reference().water_types,
        required=False,
        empty_label=_("Any type"),
    )
    credential_class = ReferenceChoiceField(
        label=_("Class"),
        objects=lambda: reference().water_classes,
        label_from_instance=class_label,
        required=False,
        empty_label=_("Any class"),
    )
    # Choices given as callables: a form copies its fields' choices at each construction, and
    # deep-copying these lists of lazy labels was most of a search form's cost (issue 19).
    days = forms.TypedMultipleChoiceField(
        label=_("Available on"),
        choices=lambda: Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    shift = forms.ChoiceField(
        label=_("Shift"),
        choices=lambda: [("", _("Any shift")), *Shift.choices],
        required=False,
    )

    def clean(self):
        data = super().clean() or {}
        type_, class_ = data.get("credential_type"), data.get("credential_class")
        if class_ and not type_:
            data["credential_type"] = class_.type
        elif type_ and class_ and class_.type_id != type_.pk:
            self.add_error("credential_class", _("This class does not belong to this type."))
        return data


class SaveSearchForm(forms.Form):
    name = forms.CharField(label=_("Name of the search"), max_length=120)
    alert = forms.BooleanField(
        label=_("E-mail me when a newly available operator matches"), required=False, initial=True
    )
