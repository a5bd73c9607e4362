"""Reference data: Ontario regions with a few municipalities each."""

from django.db import migrations

REGIONS = [
    ("toronto", "Toronto", "Toronto", ["Toronto"]),
    (
        "central",
        "Centre",
        "Central",
        ["Barrie", "Brampton", "Markham", "Mississauga", "Newmarket", "Orillia", "Vaughan"],
    ),
    (
        "eastern",
        "Est",
        "Eastern",
        ["Belleville", "Brockville", "Cornwall", "Hawkesbury", "Kingston", "Ottawa", "Pembroke"],
    ),
    (
        "west-central",
        "Centre-Ouest",
        "West Central",
        ["Brantford", "Guelph", "Hamilton", "Kitchener", "Niagara Falls", "St. Catharines"],
    ),
    (
        "southwestern",
        "Sud-Ouest",
        "Southwestern",
        ["Chatham-Kent", "London", "Owen Sound", "Sarnia", "Stratford", "Windsor"],
    ),
    (
        "northeastern",
        "Nord-Est",
        "Northeastern",
        ["Greater Sudbury", "Kapuskasing", "North Bay", "Sault Ste. Marie", "Timmins"],
    ),
    (
        "northwestern",
        "Nord-Ouest",
        "Northwestern",
        ["Dryden", "Greenstone", "Kenora", "Sioux Lookout", "Thunder Bay"],
    ),
    (
        "far-north",
        "Grand Nord",
        "Far North",
        ["Attawapiskat", "Fort Albany", "Moosonee", "Sandy Lake", "Pikangikum"],
    ),
]


def forwards(apps, schema_editor):
    Region = apps.get_model("matching", "Region")
    Municipality = apps.get_model("matching", "Municipality")
    for order, (code, fr, en, towns) in enumerate(REGIONS):
        region, _created = Region.objects.get_or_create(
            code=code, defaults={"name_fr": fr, "name_en": en, "order": order}
        )
        for town in towns:
            Municipality.objects.get_or_create(region=region, name=town)


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial"), ("credentials", "0002_water_operator_types")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
