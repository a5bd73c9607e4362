"""django-oauth-toolkit's validator, loading the token with its client and group in the same
query (one query authenticates a request), and refusing revoked clients' token requests."""

from oauth2_provider.models import AccessToken
from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    def _load_access_token(self, token):
        import hashlib

        checksum = hashlib.sha256(token.encode("utf-8")).hexdigest()
        return (
            AccessToken.objects.select_related(
                "application__api_client__group__organisation",
                "application__api_client__created_by",
            )
            .filter(token_checksum=checksum)
            .first()
        )

    def validate_grant_type(self, client_id, grant_type, client, request, *args, **kwargs):
        api_client = getattr(client, "api_client", None)
        if api_client is None or api_client.revoked_at is not None:
            return False
        return super().validate_grant_type(client_id, grant_type, client, request, *args, **kwargs)
