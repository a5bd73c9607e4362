"""Errors as JSON: {"code", "message"} (plus "fields" for invalid fields, "product" for a
missing credit), the message in the request's language (Accept-Language, French or English)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


class NotFound(exceptions.NotFound):
    default_detail = gettext_lazy("Not found (or not available to this client).")
    default_code = "not_found"


class InvalidState(exceptions.APIException):
    status_code = 409
    default_detail = gettext_lazy("This cannot be done in the current status.")
    default_code = "invalid_state"


class CreditMissing(exceptions.APIException):
    """402: submitting needs a credit the group's bank does not have; names the product."""

    status_code = 402
    default_code = "credit_missing"

    def __init__(self, message, product: str):
        super().__init__(message)
        self.product = product


class InvalidFields(exceptions.APIException):
    status_code = 400
    default_code = "invalid"

    def __init__(self, fields: dict[str, list[str]], message=None):
        super().__init__(message or _("Some fields are not valid: see “fields”."))
        self.fields = fields


def _fields(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {
            str(key): [str(v) for v in (value if isinstance(value, list) else [value])]
            for key, value in detail.items()
        }
    if isinstance(detail, list):
        return {"non_field_errors": [str(v) for v in detail]}
    return {"non_field_errors": [str(detail)]}


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    body: dict = {}
    if isinstance(exc, InvalidFields):
        body = {"code": "invalid", "message": str(exc.detail), "fields": exc.fields}
    elif isinstance(exc, exceptions.ValidationError):
        body = {
            "code": "invalid",
            "message": _("Some fields are not valid: see “fields”."),
            "fields": _fields(exc.detail),
        }
    else:
        code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        body = {"code": code if isinstance(code, str) else "error", "message": str(exc.detail)}
        if isinstance(exc, CreditMissing):
            body["product"] = exc.product
    response.data = body
    response["Content-Language"] = translation.get_language() or "fr"
    return response


@csrf_exempt
def not_found(request, *args, **kwargs):
    """Any other address under /api/: a JSON 404, never the site's HTML page."""
    return JsonResponse(
        {"code": "not_found", "message": str(NotFound.default_detail)},
        status=404,
        headers={"Content-Language": translation.get_language() or "fr"},
    )
