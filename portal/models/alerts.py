from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AlertPreference(models.Model):
    """A user's choice for one optional alert (keys declared in portal.alerts)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_preferences"
    )
    key = models.CharField(_("alert"), max_length=80)
    enabled = models.BooleanField(_("enabled"))

    class Meta:
        verbose_name = _("alert preference")
        verbose_name_plural = _("alert preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="alertpreference_user_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.key}={self.enabled}"
