"""The job site's people (J7, J8, J10): job seekers' profiles and consent, followed companies,
saved searches, and the claimed deliveries of the job site's mailings."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jobboard.postings.models import Posting
from portal.models import Group
from portal.models.base import TimeStampedModel


class SeekerProfile(TimeStampedModel):
    """What a signed-in user of the job site chose: who they are (engineer or CPI), their
    fields, regions and years on the roll (the targeted send matches on these), and their
    e-mails. Any account may have one: an employer user who only wants the weekly e-mail too.

    Fields and regions are arrays of ReferenceItem ids, not many-to-many tables, so the
    targeted-send count over 200,000 seekers is one indexed scan (GIN, `&&` overlap)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seeker_profile"
    )
    profile = models.CharField(_("I am"), max_length=10, choices=Posting.Profile, blank=True)
    field_ids = ArrayField(models.IntegerField(), default=list, blank=True)
    region_ids = ArrayField(models.IntegerField(), default=list, blank=True)
    # Also interested in postings outside Quebec (the "everywhere and outside Quebec" send).
    outside_quebec = models.BooleanField(_("also outside Quebec"), default=False)
    years_on_roll = models.PositiveSmallIntegerField(_("years on the Order's roll"), default=0)
    # Explicit consent to targeted postings: the current state, kept in step with the
    # SeekerConsent history by the services (never set here directly).
    targeted_consent = models.BooleanField(default=False)
    weekly_digest = models.BooleanField(_("the jobs of the week"), default=False)

    class Meta:
        verbose_name = _("job seeker profile")
        verbose_name_plural = _("job seeker profiles")
        indexes = [
            # Targeted-send recipients: consenting seekers whose fields / regions overlap.
            GinIndex(
                fields=["field_ids"], condition=Q(targeted_consent=True), name="seeker_fields"
            ),
            GinIndex(
                fields=["region_ids"], condition=Q(targeted_consent=True), name="seeker_regions"
            ),
            # The weekly digest: subscribers in id order, batch after batch.
            models.Index(fields=["id"], condition=Q(weekly_digest=True), name="seeker_weekly"),
        ]

    def __str__(self) -> str:
        return str(self.user)


class SeekerConsent(models.Model):
    """The consent history: each time a seeker agrees, the wording they saw and when; a
    withdrawal closes the row. At most one open row per seeker."""

    seeker = models.ForeignKey(SeekerProfile, on_delete=models.CASCADE, related_name="consents")
    wording = models.TextField(_("wording agreed to"))
    language = models.CharField(_("language"), max_length=8)
    given_at = models.DateTimeField(_("given"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent to targeted postings")
        verbose_name_plural = _("consents to targeted postings")
        ordering = ["-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["seeker"], condition=Q(withdrawn_at__isnull=True), name="seeker_one_consent"
            )
        ]

    def __str__(self) -> str:
        return f"{self.seeker}: {self.given_at:%Y-%m-%d}"


class Follow(models.Model):
    """A user follows a company's group: an e-mail on each new publication of the group."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_groups"
    )
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="followers")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("followed company")
        verbose_name_plural = _("followed companies")
        constraints = [
            models.UniqueConstraint(fields=["user", "group"], name="follow_user_group"),
        ]
        indexes = [
            # New publication: the group's followers.
            models.Index(fields=["group", "user"], name="follow_group_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.group}"


class SavedSearch(TimeStampedModel):
    """A search of the job site kept by a user, with an e-mail when new postings match."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    label = models.CharField(_("name"), max_length=120)
    # The search page's query string parameters, as a dict of lists.
    params = models.JSONField(default=dict)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.label


# Claimed deliveries of the job site's mailings: one row per message that may be sent, so a
# job run twice (or two workers at once) sends each message once. A run inserts the rows of a
# batch with INSERT … ON CONFLICT DO NOTHING RETURNING and e-mails only the rows it inserted.


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
