"""Who calls: an OAuth 2 access token of an active API client (client credentials). The
token's client names the group every query is scoped to and the person recorded as actor."""

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext_lazy as _
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from rest_framework import exceptions, permissions

from api.models import ApiClient
from api.services import api_client_used
from portal.models import Group


class ClientAuthentication(OAuth2Authentication):
    www_authenticate_realm = "api"

    def authenticate(self, request):
        if not request.META.get("HTTP_AUTHORIZATION"):
            return None  # the public endpoints, without a query
        found = super().authenticate(request)
        if found is None:
            raise exceptions.AuthenticationFailed(
                _("The access token is not valid: it is unknown, expired or revoked.")
            )
        _user, token = found
        try:
            client = token.application.api_client
        except (AttributeError, ObjectDoesNotExist):
            client = None
        if client is None or not client.active or client.group.status != Group.Status.ACTIVE:
            raise exceptions.AuthenticationFailed(
                _("The access token is not valid: it is unknown, expired or revoked.")
            )
        api_client_used(client)
        return client.created_by, token


def client_of(request) -> ApiClient:
    """The calling client (its group and organisation loaded with the token)."""
    return request.auth.application.api_client


ANY_TOKEN = "token"  # noqa: S105 (a scope name: any valid token, whatever its scopes)


def scope_for(request, view) -> str:
    """The scope the view asks for this method; "" for the public endpoints."""
    scopes = getattr(view, "scopes", {})
    return scopes.get(request.method, scopes.get("*", ""))


class HasScope(permissions.BasePermission):
    """A token with the scope the endpoint and method ask for (public endpoints ask none)."""

    message = _("This token does not have the scope this request needs.")
    code = "insufficient_scope"

    def has_permission(self, request, view):
        scope = scope_for(request, view)
        if not scope:
            return True
        token = request.auth
        if token is None:
            raise exceptions.NotAuthenticated(
                _("Send an access token: Authorization: Bearer <token>.")
            )
        return scope == ANY_TOKEN or token.allow_scopes([scope])
