"""Every write of the API clients: create (the secret is returned once, stored hashed),
revoke (the OAuth application and its tokens are deleted), and "last used"."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import Application

from api.models import ApiClient
from api.scopes import BY_SERVICE
from portal.services.audit import audit_record

LAST_USED_PRECISION = datetime.timedelta(minutes=1)


class ApiClientError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@transaction.atomic
def api_client_create(*, group, actor, name: str, scopes: list[str]) -> tuple[ApiClient, str]:
    """A new client of `group` with these scopes; returns it and its secret (shown once)."""
    allowed = BY_SERVICE.get(group.service, [])
    if not scopes or any(scope not in allowed for scope in scopes):
        raise ApiClientError(_("Choose at least one of the scopes this service offers."))
    secret = generate_client_secret()
    application = Application(
        name=f"{group.pk}: {name}"[:255],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        client_secret=secret,  # hashed by Application.save()
        hash_client_secret=True,
    )
    application.save()
    client = ApiClient.objects.create(
        group=group,
        name=name,
        scopes=[s for s in allowed if s in scopes],
        application=application,
        client_id=application.client_id,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        subject=client,
        verb="api_client.created",
        data={"group": group.pk, "scopes": client.scopes, "client_id": client.client_id},
    )
    return client, secret


@transaction.atomic
def api_client_revoke(*, client: ApiClient, actor) -> ApiClient:
    """Refuse the client's tokens at once and for good (revoking twice changes nothing)."""
    client = ApiClient.objects.select_for_update().get(pk=client.pk)
    if client.revoked_at is not None:
        return client
    if client.application_id:
        Application.objects.filter(pk=client.application_id).delete()  # and its tokens
    client.application = None
    client.revoked_at = timezone.now()
    client.revoked_by = actor
    client.save(update_fields=["application", "revoked_at", "revoked_by"])
    audit_record(
        actor=actor,
        subject=client,
        verb="api_client.revoked",
        data={"group": client.group_id, "client_id": client.client_id},
    )
    return client


def api_client_used(client: ApiClient) -> None:
    """Remember when the client was last used, to the minute (no write on most requests)."""
    now = timezone.now()
    if client.last_used_at is None or now - client.last_used_at >= LAST_USED_PRECISION:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        client.last_used_at = now
