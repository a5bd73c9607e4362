"""Claimed deliveries of the job site's mailings: one row per message that may be sent, so a
job run twice (or two workers at once) sends each message once. A run inserts the rows of a
batch with INSERT … ON CONFLICT DO NOTHING RETURNING and e-mails only the rows it inserted."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jobboard.posting_models import Posting


class FollowerNotice(models.Model):
    """A follower was told about a newly published posting of the company they follow."""

    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("new posting e-mail to a follower")
        verbose_name_plural = _("new posting e-mails to followers")
        constraints = [
            models.UniqueConstraint(fields=["posting", "user"], name="followernotice_once"),
        ]

    def __str__(self) -> str:
        return f"{self.posting_id} → {self.user_id}"


class DigestDelivery(models.Model):
    """A subscriber received the jobs of the week of `week` (the Monday)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week = models.DateField(_("week of"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("jobs of the week e-mail")
        verbose_name_plural = _("jobs of the week e-mails")
        constraints = [
            models.UniqueConstraint(fields=["user", "week"], name="digestdelivery_once"),
        ]

    def __str__(self) -> str:
        return f"{self.week} → {self.user_id}"
