from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from accounts.models import StaffRole, User
from accounts.staff import REVIEWER, SUPERVISOR

LEVEL_CHOICES = [("", "—"), (REVIEWER, _("Reviewer")), (SUPERVISOR, _("Supervisor"))]


def _office_field(key: str) -> str:
    return f"office_{key}"


class _OfficesForm(UserChangeForm):
    """The person's offices, one choice each; saved through the console's audited service."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        held = (self.instance.staff_offices or {}) if self.instance.pk else {}
        primary = str(self.instance.__dict__.get("staff_role") or "")
        for key in StaffRole.values:
            self.fields[_office_field(key)].initial = held.get(key) or (
                REVIEWER if key == primary else ""
            )

    def offices(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(_office_field(key), "") for key in StaffRole.values}


StaffUserChangeForm = type(
    "StaffUserChangeForm",
    (_OfficesForm,),
    {
        _office_field(key): forms.ChoiceField(label=label, choices=LEVEL_CHOICES, required=False)
        for key, label in StaffRole.choices
    },
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = StaffUserChangeForm
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "staff_role", "is_active", "date_joined"]
    list_filter = ["staff_role", "is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("first_name", "last_name", "phone", "language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups")},
        ),
        (_("Offices"), {"fields": tuple(_office_field(k) for k in StaffRole.values)}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if not isinstance(form, _OfficesForm):
            return
        from portal.console.services import staff_office_set

        for office, level in form.offices().items():
            try:
                staff_office_set(person=obj, office=office, level=level, actor=request.user)
            except PermissionDenied:
                messages.error(request, _("Only a supervisor of the office may change its roles."))
        obj.refresh_from_db()
