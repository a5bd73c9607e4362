"""API clients (issue 21): one OAuth 2 application (client credentials) per client, owned by
an organisation's group. The client acts for its group only; `created_by` is the person
named as the actor of what it does (audit trail, posting author)."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models import Group


class ApiClient(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="api_clients")
    name = models.CharField(_("name"), max_length=100)
    scopes = ArrayField(models.CharField(max_length=20), verbose_name=_("scopes"))
    # Deleted with its tokens when the client is revoked; the row stays for the record.
    application = models.OneToOneField(
        "oauth2_provider.Application",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="api_client",
    )
    client_id = models.CharField(_("client id"), max_length=100, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")
        indexes = [models.Index(fields=["group", "-created_at"], name="apiclient_group_recent")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | models.Q(application__isnull=True),
                name="apiclient_revoked_has_no_application",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def active(self) -> bool:
        return self.revoked_at is None
