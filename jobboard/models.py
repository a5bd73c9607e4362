"""Django loads an app's models from this module: it gathers those of the job board's
sub-packages (employer, postings, seekers, boosts, statistics). Code imports them from their
own package."""

from jobboard.boosts.models import EmployerAlertSent, TargetedRecipient, TargetedSend
from jobboard.employer.models import (
    EmployerApplication,
    EmployerGroupProfile,
    EmployerPerson,
    FreeMailDomain,
)
from jobboard.postings.models import Posting, ReferenceItem
from jobboard.seekers.models import (
    DigestDelivery,
    Follow,
    FollowerNotice,
    SavedSearch,
    SeekerConsent,
    SeekerProfile,
)
from jobboard.statistics.models import PostingDailyStat

__all__ = [
    "DigestDelivery",
    "EmployerAlertSent",
    "EmployerApplication",
    "EmployerGroupProfile",
    "EmployerPerson",
    "Follow",
    "FollowerNotice",
    "FreeMailDomain",
    "Posting",
    "PostingDailyStat",
    "ReferenceItem",
    "SavedSearch",
    "SeekerConsent",
    "SeekerProfile",
    "TargetedRecipient",
    "TargetedSend",
]
