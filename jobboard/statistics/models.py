"""The job board's statistics (J9): daily counters of each posting's views, clicks and shares."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jobboard.postings.models import Posting


class PostingDailyStat(models.Model):
    """Views, apply clicks and shares of one posting on one day (J9). Counted with an atomic
    INSERT … ON CONFLICT DO UPDATE on this row, so counting never reads first."""

    posting = models.ForeignKey(Posting, on_delete=models.CASCADE, related_name="daily_stats")
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)
    shares = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("posting statistics of a day")
        verbose_name_plural = _("posting statistics by day")
        constraints = [
            # Also the index of the performance page: one posting's days in a period.
            models.UniqueConstraint(fields=["posting", "day"], name="postingstat_posting_day"),
        ]

    def __str__(self) -> str:
        return f"{self.posting_id} {self.day}"
