"""Reference data: Ontario drinking-water operator certificates and wastewater operating
licences with their classes (editable by staff in the admin afterwards)."""

from django.db import migrations

TYPES = [
    (
        "drinking-water-certificate",
        "Certificat d’exploitant de réseau d’eau potable",
        "Drinking-water operator certificate",
        "certificate",
        1,
        [
            ("OIT", "Exploitant stagiaire", "Operator-in-training", 0),
            ("I", "Classe I", "Class I", 1),
            ("II", "Classe II", "Class II", 2),
            ("III", "Classe III", "Class III", 3),
            ("IV", "Classe IV", "Class IV", 4),
            ("LSS", "Sous-système limité", "Limited subsystem", 5),
        ],
    ),
    (
        "wastewater-licence",
        "Permis d’exploitation de réseau d’égout",
        "Wastewater operating licence",
        "licence",
        2,
        [
            ("OIT", "Exploitant stagiaire", "Operator-in-training", 0),
            ("I", "Classe I", "Class I", 1),
            ("II", "Classe II", "Class II", 2),
            ("III", "Classe III", "Class III", 3),
            ("IV", "Classe IV", "Class IV", 4),
        ],
    ),
]


def forwards(apps, schema_editor):
    CredentialType = apps.get_model("credentials", "CredentialType")
    CredentialClass = apps.get_model("credentials", "CredentialClass")
    for code, fr, en, kind, order, classes in TYPES:
        type_, _created = CredentialType.objects.get_or_create(
            code=code,
            defaults={
                "name_fr": fr,
                "name_en": en,
                "family": "water_operator",
                "kind": kind,
                "order": order,
            },
        )
        for class_code, class_fr, class_en, class_order in classes:
            CredentialClass.objects.get_or_create(
                type=type_,
                code=class_code,
                defaults={"name_fr": class_fr, "name_en": class_en, "order": class_order},
            )


class Migration(migrations.Migration):
    dependencies = [("credentials", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
