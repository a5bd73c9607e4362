"""City staff pages (staff role "city"): every application, status decisions following the
transition table, the import of the city's contractor records (P5), and the PIN attempts log
(P7). Anyone else gets 404."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from permits import queries, rows, services
from permits.importer import ImportErrors, contractors_import, parse
from permits.links import url_maker
from permits.models import Application, PinAttempt
from portal.selectors import audit_history

CITY = "city"


def _require_city(user) -> None:
    if getattr(user, "staff_role", "") != CITY:
        raise Http404


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("New status"))
    note = forms.CharField(
        label=gettext_lazy("Note to the applicant"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = services.APPLICATION.next_states(application.status)
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)
        status.choices = [(v, label) for v, label in Application.Status.choices if v in allowed]


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file of the City's records"))


@login_required
@require_GET
def city_applications(request):
    _require_city(request.user)
    status = request.GET.get("status", "")
    page = queries.city_applications_page(
        status if status in Application.Status.values else "", request.GET.get("page")
    )
    kinds, statuses = rows.labels(Application.Kind), rows.labels(Application.Status)
    url = url_maker("permits:city_application")
    for row in page.object_list:
        row["url"] = url(row["pk"])
        row["kind_label"] = kinds.get(row["kind"], row["kind"])
        row["status_label"] = statuses.get(row["status"], row["status"])
        row["submitted"] = rows.short_date(row["created_at"])
    return render(
        request,
        "permits/city_applications.html",
        {"page": page, "status": status, "statuses": Application.Status.choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def city_application(request, application_id: int):
    _require_city(request.user)
    application = get_object_or_404(
        Application.objects.select_related("account__group__organisation", "submitted_by"),
        pk=application_id,
    )
    form = StatusForm(request.POST or None, application=application)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_set_status(
                application=application,
                actor=request.user,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except services.PermitsError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Status changed."))
        return redirect("permits:city_application", application_id=application.pk)
    return render(
        request,
        "permits/city_application.html",
        {
            "application": application,
            "form": form,
            "documents": list(queries.application_documents(application)),
            "fees": list(application.fees.select_related("payment").order_by("pk")),
            "inspections": list(application.inspections.order_by("pk")),
            "history": list(audit_history(application)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def city_import(request):
    _require_city(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            text = form.cleaned_data["file"].read().decode("utf-8-sig")
            result = contractors_import(rows=parse(text))
        except UnicodeDecodeError:
            errors = [_("The file is not UTF-8 text.")]
        except ImportErrors as error:
            errors = error.errors
        else:
            messages.success(
                request,
                _(
                    "%(created)s accounts created, %(existing)s already there, "
                    "%(applications)s earlier applications added. Each new account is "
                    "e-mailed its PIN once."
                )
                % {
                    "created": result.created,
                    "existing": result.existing,
                    "applications": result.applications,
                },
            )
            return redirect("permits:city_import")
    return render(request, "permits/city_import.html", {"form": form, "errors": errors})


@login_required
@require_GET
def city_attempts(request):
    _require_city(request.user)
    page = queries.city_attempts_page(request.GET.get("page"))
    outcomes = rows.labels(PinAttempt.Outcome)
    for row in page.object_list:
        row["when"] = rows.short_datetime(row["created_at"])
        row["email"] = row["user__email"] or "—"
        row["ip"] = row["ip"] or "—"
        row["reason"] = outcomes.get(row["outcome"], row["outcome"])
        row["contractor"] = row["account__group__organisation__legal_name"] or "—"
    return render(request, "permits/city_attempts.html", {"page": page})
