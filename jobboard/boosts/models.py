"""Boosts of an online posting (J7): the targeted send and who it reached; and the employer
alerts already sent (J8), one row per posting and kind so that each goes out once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobboard.postings.models import Posting


class TargetedSend(models.Model):
    """« Envoi personnalisé »: one per posting. The recipient count and the price are fixed
    when the employer confirms; the recipients themselves are resolved when it goes out,
    among the seekers still consenting and matching `criteria` (kept from confirmation)."""

    class Scope(models.TextChoices):
        REGIONS = "regions", _("In the posting's region(s)")
        EVERYWHERE = "everywhere", _("Everywhere, and outside Quebec")

    class State(models.TextChoices):
        PENDING = "pending", pgettext_lazy("targeted send", "Awaiting payment")
        PAID = "paid", pgettext_lazy("targeted send", "Paid, going out today")
        SENDING = "sending", pgettext_lazy("targeted send", "Going out")
        SENT = "sent", pgettext_lazy("targeted send", "Sent")
        CANCELLED = "cancelled", pgettext_lazy("targeted send", "Cancelled")

    posting = models.OneToOneField(Posting, on_delete=models.CASCADE, related_name="targeted_send")
    scope = models.CharField(_("recipients"), max_length=12, choices=Scope)
    # {"profile": "engineer", "field_ids": [..], "region_ids": [..], "min_years": 5}
    criteria = models.JSONField(default=dict)
    recipient_count = models.PositiveIntegerField(_("recipients"))
    price_cents = models.PositiveIntegerField(_("price (cents)"))
    state = models.CharField(_("status"), max_length=10, choices=State, default=State.PENDING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("targeted send")
        verbose_name_plural = _("targeted sends")

    def __str__(self) -> str:
        return f"{self.posting_id}: {self.state}"

    @property
    def reference(self) -> str:
        return f"targeted-send:{self.pk}"


class TargetedRecipient(models.Model):
    """A seeker the send reached: the row is claimed (unique) in the same transaction that
    stores their e-mail, so a retried or duplicated batch never mails anyone twice."""

    send = models.ForeignKey(TargetedSend, on_delete=models.CASCADE, related_name="recipients")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    claimed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["send", "user"], name="targetedrecipient_once"),
        ]

    def __str__(self) -> str:
        return f"{self.send_id} → {self.user_id}"


class EmployerAlertSent(models.Model):
    """An employer alert (publication, 10 days before the end, end, end of featured) that
    went out for a posting: claimed once, whichever job or request gets there first."""

    class Kind(models.TextChoices):
        PUBLISHED = "published", _("Published")
        ENDING_SOON = "ending_soon", _("10 days before the end")
        ENDED = "ended", _("Ended")
        FEATURED_ENDED = "featured_ended", _("No longer featured")

    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind)
    # The date the alert is about (end date, featured end): a later extension or a new
    # featured boost makes a new alert due.
    about = models.DateField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["posting", "kind", "about"],
                name="employeralert_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.posting_id} {self.kind}"
