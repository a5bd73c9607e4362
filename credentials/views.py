"""Accreditation office: import the public operator list (all or nothing)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from accounts.models import StaffRole
from credentials.forms import RegistryUploadForm
from credentials.models import RegistryImport
from credentials.services import REGISTRY_COLUMNS, RegistryImportError, registry_import


@login_required
@require_http_methods(["GET", "POST"])
def registry_upload(request):
    if request.user.staff_role != StaffRole.ACCREDITATION_OFFICE:
        raise PermissionDenied
    form = RegistryUploadForm(request.POST or None, request.FILES or None)
    report, errors, status = None, [], 200
    if request.method == "POST":
        if form.is_valid():
            try:
                report = registry_import(
                    text=form.cleaned_data["file"],
                    actor=request.user,
                    file_name=request.FILES["file"].name,
                )
            except RegistryImportError as error:
                errors = error.errors
                status = 422
        else:
            status = 422
    context = {
        "form": form,
        "report": report,
        "errors": errors,
        "columns": ",".join(REGISTRY_COLUMNS),
        "imports": list(RegistryImport.objects.select_related("imported_by")[:10]),
    }
    return render(request, "credentials/registry_upload.html", context, status=status)
