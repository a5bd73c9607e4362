"""The performance page's filter: a period and, optionally, one of the group's postings."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MAX_PERIOD_DAYS = 366


class PerformanceForm(forms.Form):
    # ISO values: the browser's date input reads no other format (French would give 03/12/2026).
    start = forms.DateField(
        label=pgettext_lazy("period", "From"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=pgettext_lazy("period", "To"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    posting = forms.TypedChoiceField(label=_("Posting"), coerce=int, required=False)

    def __init__(self, data, *, postings: list[tuple[int, str]]):
        """`postings`: (id, label) of the group's non-archived postings."""
        today = timezone.localdate()
        initial = {"start": today - datetime.timedelta(days=29), "end": today, "posting": ""}
        super().__init__({**initial, **{k: v for k, v in data.items() if v}})
        posting_field: forms.ChoiceField = self.fields["posting"]  # type: ignore[assignment]
        posting_field.choices = [("", _("All my postings")), *postings]

    def clean(self):
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The end of the period comes before its start."))
            if (end - start).days >= MAX_PERIOD_DAYS:
                raise forms.ValidationError(_("Choose a period of one year at most."))
        return data
