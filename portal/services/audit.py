from django.contrib.contenttypes.models import ContentType
from django.db import models

from portal.models import AuditEvent


def audit_record(
    *,
    actor,
    subject: models.Model,
    verb: str,
    from_state: str = "",
    to_state: str = "",
    note: str = "",
    data: dict | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        verb=verb,
        from_state=from_state,
        to_state=to_state,
        note=note,
        data=data or {},
    )
