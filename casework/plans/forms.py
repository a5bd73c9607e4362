"""Forms of SJS plans: only fields the worker may set; the group comes from the URL."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from casework.plans.models import CloseReason, ObjectiveType, PlanGoal, PlanObjective, PlanSubGoal
from casework.registry.models import Employer, ServicePoint
from portal.files import PrivateFileField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(forms.Form):
    service_point = forms.ModelChoiceField(
        label=_("Service point"), queryset=ServicePoint.objects.none(), empty_label=_("Choose…")
    )
    goal = forms.ModelChoiceField(
        label=_("Goal"), queryset=PlanGoal.objects.filter(active=True), empty_label=_("Choose…")
    )
    sub_goal = forms.ModelChoiceField(
        label=_("Sub-goal"),
        queryset=PlanSubGoal.objects.filter(active=True).select_related("goal"),
        empty_label=_("Choose…"),
    )
    start_date = forms.DateField(label=_("Start date"), widget=DATE)

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_point"].queryset = ServicePoint.objects.filter(  # type: ignore[attr-defined]
            group=group, active=True
        ).order_by("name")
        self.fields["start_date"].initial = timezone.localdate()

    def clean(self):
        super().clean()
        data = self.cleaned_data
        goal, sub_goal = data.get("goal"), data.get("sub_goal")
        if goal and sub_goal and sub_goal.goal_id != goal.pk:
            self.add_error("sub_goal", _("This sub-goal does not belong to the goal chosen."))
        return data


class ObjectiveAddForm(forms.Form):
    type = forms.ModelChoiceField(
        label=_("Objective type"),
        queryset=ObjectiveType.objects.filter(active=True),
        empty_label=_("Choose…"),
    )


class ObjectiveForm(forms.ModelForm):
    class Meta:
        model = PlanObjective
        fields = ["description", "start_date", "end_date"]
        widgets = {"start_date": DATE, "end_date": DATE}

    def objective_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def clean(self):
        super().clean()
        data = self.cleaned_data
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date comes after the start date."))
        return data


class PlacementForm(ObjectiveForm):
    """A placement objective: the employer picked from the shared registry (with this year's
    SJS form, checked on saving), dates, hours and position. The page renders the employer
    choice itself (search as you type, or from the employer's page)."""

    employer = forms.ModelChoiceField(
        label=_("Employer"),
        queryset=Employer.objects.all(),
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Choose the employer from the registry."),
            "invalid_choice": _("This employer is not in the registry: search for it again."),
        },
    )

    class Meta(ObjectiveForm.Meta):
        fields = ["position", "start_date", "end_date", "hours_per_week", "description"]
        widgets = ObjectiveForm.Meta.widgets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("position", "start_date", "end_date", "hours_per_week"):
            self.fields[name].required = True
        if self.instance.employer_id and "employer" not in self.initial:
            self.initial["employer"] = self.instance.employer_id

    def objective_fields(self) -> dict:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        fields["employer"] = self.cleaned_data["employer"]
        return fields


class CloseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason for closing"),
        choices=[("", _("Choose…")), *CloseReason.choices],
        error_messages={"required": _("Choose the reason for closing the plan.")},
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the reason is “Other”."),
    )
    closed_on = forms.DateField(label=_("Closed on"), widget=DATE)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["closed_on"].initial = timezone.localdate()

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("reason") == CloseReason.OTHER and not (data.get("note") or "").strip():
            self.add_error("note", _("Explain the reason in the note."))
        closed_on = data.get("closed_on")
        if closed_on and closed_on < self.plan.start_date:
            self.add_error("closed_on", _("A plan cannot close before it starts."))
        if closed_on and closed_on > timezone.localdate():
            self.add_error("closed_on", _("The closing date cannot be in the future."))
        return data


class ClosureRequestForm(forms.Form):
    consent = PrivateFileField(
        label=_("Client's signed consent"),
        kind="document",
        error_messages={"required": _("Attach the client's signed consent.")},
    )
    consent_signed_on = forms.DateField(label=_("Consent signed on"), widget=DATE)
    note = forms.CharField(
        label=_("Message to the provider"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent_signed_on"].initial = timezone.localdate()

    def clean_consent_signed_on(self):
        day: datetime.date = self.cleaned_data["consent_signed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The signing date cannot be in the future."))
        return day


class RefuseForm(forms.Form):
    note = forms.CharField(
        label=_("Why (the requesting provider reads it)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why in the note: the requesting provider reads it.")},
    )


class ReportForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=pgettext_lazy("period", "To"), widget=DATE)

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end date comes after the start date."))
        return data
