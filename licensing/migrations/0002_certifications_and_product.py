"""Reference data: the 8 mine supervisor certifications (credentials.CredentialType) and the
licence product sold through billing ($50, 5 to 100 per order)."""

from django.db import migrations

CERTIFICATIONS = [
    ("shift-boss-open-pit", "Chef de poste – mine à ciel ouvert", "Shift boss – open pit mine"),
    ("shift-boss-underground", "Chef de poste – mine souterraine", "Shift boss – underground mine"),
    ("supervisor-1-exploration", "Surveillant, niveau I – exploration", "Supervisor, level I – exploration"),
    ("supervisor-1-surface", "Surveillant, niveau I – surface", "Supervisor, level I – surface"),
    ("supervisor-2-exploration", "Surveillant, niveau II – exploration", "Supervisor, level II – exploration"),
    ("supervisor-2-open-pit", "Surveillant, niveau II – mine à ciel ouvert", "Supervisor, level II – open pit mine"),
    ("supervisor-2-underground", "Surveillant, niveau II – mine souterraine", "Supervisor, level II – underground mine"),
    ("supervisor-2-surface", "Surveillant, niveau II – surface", "Supervisor, level II – surface"),
]


def load(apps, schema_editor):
    CredentialType = apps.get_model("credentials", "CredentialType")
    for order, (code, fr, en) in enumerate(CERTIFICATIONS, start=1):
        CredentialType.objects.update_or_create(
            code=f"mine-{code}",
            defaults={
                "name_fr": fr,
                "name_en": en,
                "family": "mine_supervisor",
                "kind": "certification",
                "order": order,
            },
        )
    Product = apps.get_model("billing", "Product")
    Product.objects.update_or_create(
        code="licensing-licence",
        defaults={
            "service": "licensing",
            "name_fr": "Licence de certification de surveillant de mine",
            "name_en": "Mine supervisor certification licence",
            "unit_price_cents": 5000,
            "min_quantity": 5,
            "max_quantity": 100,
            "hook": "licensing.create_codes",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("licensing", "0001_initial"), ("billing", "0002_tax_rates")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
