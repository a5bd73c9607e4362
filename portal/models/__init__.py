"""Core models, one module per concern."""

from portal.models.alerts import AlertPreference
from portal.models.audit import AuditEvent
from portal.models.base import TimeStampedModel
from portal.models.email import OutboundAttachment, OutboundEmail
from portal.models.files import PrivateFile
from portal.models.organisations import (
    Group,
    GroupGroupPermission,
    GroupUserPermission,
    Membership,
    Organisation,
)
from portal.models.reviews import Review

__all__ = [
    "AlertPreference",
    "AuditEvent",
    "Group",
    "GroupGroupPermission",
    "GroupUserPermission",
    "Membership",
    "Organisation",
    "OutboundAttachment",
    "OutboundEmail",
    "PrivateFile",
    "Review",
    "TimeStampedModel",
]
