"""Core models, one module per concern."""

from portal.models.alerts import AlertPreference
from portal.models.base import TimeStampedModel
from portal.models.email import OutboundEmail
from portal.models.files import PrivateFile

__all__ = ["AlertPreference", "OutboundEmail", "PrivateFile", "TimeStampedModel"]
