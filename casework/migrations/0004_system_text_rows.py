"""Issue 17: notes the system wrote in one language become message keys (portal.system_text),
read in the reader's language. Converted where recognisable: an objective's type in a plan's
history, and « Closure requested by … » / « Fermeture demandée par … » (history and the
plan's closing note). Anything else stays as written."""

import re

from django.db import migrations

LANGUAGES = "__languages__"
CLOSURE = re.compile(r"^(?:Closure requested by|Fermeture demandée par) (?P<provider>.+)\.$")
OBJECTIVE_VERBS = ("plan.objective_added", "plan.objective_saved", "plan.objective_updated")


def closure_key(note: str) -> dict | None:
    match = CLOSURE.match(note.strip())
    if match is None:
        return None
    return {"key": "casework.closure_requested", "params": {"provider": match["provider"]}}


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEvent = apps.get_model("portal", "AuditEvent")
    ServicePlan = apps.get_model("casework", "ServicePlan")
    ObjectiveType = apps.get_model("casework", "ObjectiveType")
    plan_type = ContentType.objects.filter(app_label="casework", model="serviceplan").first()
    if plan_type is None:
        return
    types = {}
    for item in ObjectiveType.objects.all():
        names = {LANGUAGES: {"fr": item.name_fr, "en": item.name_en}}
        types[item.name_fr] = types[item.name_en] = names
    events = AuditEvent.objects.filter(subject_type=plan_type, note_key__isnull=True).exclude(
        note=""
    )
    for event in events.iterator():
        key = None
        if event.verb in OBJECTIVE_VERBS and event.note in types:
            key = {"key": "casework.objective", "params": {"type": types[event.note]}}
        else:
            key = closure_key(event.note)
        if key is not None:
            event.note_key = key
            event.save(update_fields=["note_key"])
    for plan in ServicePlan.objects.filter(close_note_key__isnull=True).exclude(close_note=""):
        key = closure_key(plan.close_note)
        if key is not None:
            plan.close_note_key = key
            plan.save(update_fields=["close_note_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0003_plan_close_note_key"),
        ("portal", "0002_system_text_keys"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
