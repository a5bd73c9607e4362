"""The API's scopes, which service each belongs to, and DOT's scopes backend: a client may
ask only for the scopes it was created with (none by default means all of its own)."""

from django.utils.translation import gettext_lazy as _
from oauth2_provider.scopes import BaseScopes

JOBS_READ = "jobs:read"
JOBS_WRITE = "jobs:write"
LICENCES_READ = "licences:read"
PERMITS_READ = "permits:read"

LABELS = {
    JOBS_READ: _("Read the job postings, their status and statistics"),
    JOBS_WRITE: _("Create, update, submit and end job postings"),
    LICENCES_READ: _("Read the licence codes and employees' progress"),
    PERMITS_READ: _("Read the permit applications and their statuses"),
}
# The scopes a group of each service may give its clients.
BY_SERVICE = {
    "jobboard": [JOBS_READ, JOBS_WRITE],
    "licensing": [LICENCES_READ],
    "permits": [PERMITS_READ],
}


def client_scopes(application) -> list[str]:
    client = getattr(application, "api_client", None)
    if client is None or client.revoked_at is not None:
        return []
    return list(client.scopes)


class ClientScopes(BaseScopes):
    def get_all_scopes(self):
        return {key: str(label) for key, label in LABELS.items()}

    def get_available_scopes(self, application=None, request=None, *args, **kwargs):
        return client_scopes(application)

    def get_default_scopes(self, application=None, request=None, *args, **kwargs):
        return client_scopes(application)
