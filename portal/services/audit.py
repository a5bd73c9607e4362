from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from portal.models import AuditEvent
from portal.system_text import render_system_text


def audit_record(
    *,
    actor,
    subject: models.Model,
    verb: str,
    from_state: str = "",
    to_state: str = "",
    note: str | dict = "",
    data: dict | None = None,
) -> AuditEvent:
    """Record one event. `note` is what a person typed (kept as typed) or the system's own
    words as `portal.system_text.system_text(key, ...)` (rendered in the reader's language)."""
    note_key = note if isinstance(note, dict) else None
    text = render_system_text(note_key, settings.LANGUAGE_CODE) if note_key else str(note)
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        verb=verb,
        from_state=from_state,
        to_state=to_state,
        note=text,
        note_key=note_key,
        data=data or {},
    )
