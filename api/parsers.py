"""JSON bodies, capped (API_MAX_BODY_BYTES): a bigger body is refused before it is read."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.parsers import JSONParser


class BodyTooLarge(exceptions.APIException):
    status_code = 413
    default_detail = _("The request body is too large.")
    default_code = "body_too_large"


class CappedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        cap = settings.API_MAX_BODY_BYTES
        request = (parser_context or {}).get("request")
        length = request.META.get("CONTENT_LENGTH") if request is not None else None
        if length and length.isdigit() and int(length) > cap:
            raise BodyTooLarge()
        data = stream.read(cap + 1) if stream is not None else b""
        if len(data) > cap:
            raise BodyTooLarge()
        import io

        return super().parse(io.BytesIO(data), media_type, parser_context)
