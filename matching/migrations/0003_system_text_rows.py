"""Issue 17: the nightly sweep's history note « No valid certificate or licence left. »,
written in English, becomes a message key (portal.system_text) read in the reader's language."""

from django.db import migrations

NOTE = "No valid certificate or licence left."


def forwards(apps, schema_editor):
    AuditEvent = apps.get_model("portal", "AuditEvent")
    AuditEvent.objects.filter(verb="operator.deactivated", note=NOTE, note_key__isnull=True).update(
        note_key={"key": "matching.no_credential_left", "params": {}}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0002_ontario_regions"),
        ("portal", "0002_system_text_keys"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
