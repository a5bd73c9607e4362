"""Models of the job board."""

from jobboard.posting_models import Posting, ReferenceItem  # noqa: F401
