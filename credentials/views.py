"""Accreditation office: import the public operator list (all or nothing)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import StaffRole
from credentials.forms import CredentialClassForm, CredentialTypeForm, RegistryUploadForm
from credentials.models import CredentialClass, CredentialType, RegistryImport
from credentials.services import (
    REGISTRY_COLUMNS,
    RegistryImportError,
    reference_save,
    registry_import,
)


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


def _office_only(user) -> None:
    if user.staff_role != StaffRole.ACCREDITATION_OFFICE:
        raise PermissionDenied


WATER = CredentialType.Family.WATER_OPERATOR


@login_required
@require_GET
def reference_list(request):
    _office_only(request.user)
    types = CredentialType.objects.filter(family=WATER).prefetch_related("classes")
    return render(request, "credentials/reference_list.html", {"types": types})


@login_required
@require_http_methods(["GET", "POST"])
def reference_type_edit(request, pk: int):
    _office_only(request.user)
    type_ = get_object_or_404(CredentialType, pk=pk, family=WATER)
    form = CredentialTypeForm(request.POST or None, instance=type_)
    if request.method == "POST" and form.is_valid():
        reference_save(obj=form.save(commit=False), actor=request.user)
        messages.success(request, _("Saved."))
        return redirect("credentials:reference_list")
    return render(request, "credentials/reference_form.html", {"form": form, "object": type_})


@login_required
@require_http_methods(["GET", "POST"])
def reference_class_edit(request, type_pk: int, pk: int | None = None):
    _office_only(request.user)
    type_ = get_object_or_404(CredentialType, pk=type_pk, family=WATER)
    class_ = get_object_or_404(CredentialClass, pk=pk, type=type_) if pk is not None else None
    form = CredentialClassForm(request.POST or None, instance=class_)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.type = type_
        if CredentialClass.objects.filter(type=type_, code=obj.code).exclude(pk=obj.pk).exists():
            form.add_error("code", _("This type already has a class with this code."))
        else:
            reference_save(obj=obj, actor=request.user, created=class_ is None)
            messages.success(request, _("Saved."))
            return redirect("credentials:reference_list")
    return render(
        request,
        "credentials/reference_form.html",
        {"form": form, "object": class_, "type": type_},
    )
