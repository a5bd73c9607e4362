from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import User
from accounts.staff import REVIEWER, SUPERVISOR
from portal.console.offices import office_label


class GiveForm(forms.Form):
    to = forms.TypedChoiceField(label=_("Give to"), coerce=int, choices=())

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["to"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "—")] + [(p.pk, p.display_name) for p in people]


class DeadlineForm(forms.Form):
    business_days = forms.IntegerField(
        label=_("Deadline in business days"), min_value=1, max_value=60
    )


class StaffOfficeForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person"))
    office = forms.ChoiceField(label=_("Office"))
    level = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (REVIEWER, _("Reviewer")),
            (SUPERVISOR, _("Supervisor")),
            ("", _("No role in this office")),
        ],
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, offices: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["office"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(o, office_label(o)) for o in offices]

    def clean_email(self) -> User:
        email = self.cleaned_data["email"]
        person = User.objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise forms.ValidationError(_("No account uses this e-mail address."))
        return person


class PeriodForm(forms.Form):
    # ISO values: a type="date" input shows nothing for a localised date (01/12/2026).
    start = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    # "To" alone is an e-mail's recipient (the outbox): the period's end has its context.
    end = forms.DateField(
        label=pgettext_lazy("period", "To"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end of the period comes before its start."))
        elif start and end and (end - start).days > 366:
            self.add_error("end", _("Choose a period of one year or less."))
        return data
