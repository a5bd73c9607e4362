"""The OpenAPI 3.1 schema's additions: the OAuth 2 client-credentials scheme with each
operation's scope, and the error answers ({code, message}) every operation may give."""

from django.urls import reverse
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as BaseAutoSchema

from api.authentication import ANY_TOKEN
from api.scopes import LABELS

ERROR = {"$ref": "#/components/schemas/Error"}
ERRORS = {
    "400": "Invalid parameters or body (see `fields`).",
    "401": "No token, or a token that is unknown, expired or revoked.",
    "402": "No credit left for this posting: `product` names what to buy.",
    "403": "The token lacks the scope this request needs.",
    "404": "Not found, or not the client's group.",
    "405": "Method not allowed.",
    "406": "Only application/json is served.",
    "409": "Not possible in the current status.",
    "413": "The body is larger than 64 KB.",
    "415": "Send application/json.",
    "429": "Too many requests: wait the seconds of Retry-After.",
}
PUBLIC_ERRORS = ("400", "404", "405", "406", "429")


class AutoSchema(BaseAutoSchema):
    pass


class ClientCredentialsScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ClientAuthentication"
    name = "oauth2"

    def get_security_definition(self, auto_schema):
        return {
            "type": "oauth2",
            "flows": {
                "clientCredentials": {
                    "tokenUrl": reverse("api:token"),
                    "scopes": {key: str(label) for key, label in LABELS.items()},
                }
            },
        }

    def get_security_requirement(self, auto_schema):
        scopes = getattr(auto_schema.view, "scopes", {})
        scope = scopes.get(auto_schema.method, "")
        return {self.name: [] if scope in ("", ANY_TOKEN) else [scope]}


def add_error_responses(result, generator, request, public):
    """Every operation documents the errors it may answer, with the Error schema."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = {
        "type": "object",
        "properties": {
            "code": {"type": "string"},
            "message": {"type": "string"},
            "fields": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
            "product": {"type": "string"},
        },
        "required": ["code", "message"],
    }
    for methods in result.get("paths", {}).values():
        for operation in methods.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = ERRORS if operation.get("security") else PUBLIC_ERRORS
            for code in codes:
                response = {
                    "description": ERRORS[code],
                    "content": {"application/json": {"schema": ERROR}},
                }
                if code == "429":
                    response["headers"] = {
                        "Retry-After": {"schema": {"type": "integer"}, "required": True}
                    }
                operation["responses"].setdefault(code, response)
    return result
