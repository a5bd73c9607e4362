"""Canadian sales tax rates by province (thousandths of a per cent), as data staff can edit in the admin.
GST 5 %; HST 13 % (ON), 14 % (NS, from April 2025), 15 % (NB, NL, PE); Quebec adds the QST
(9.975 %). Provincial PST in BC, MB and SK is not collected (the seller is not registered
there for these services); staff can set it if that changes."""

from django.db import migrations

RATES = {
    "AB": (5000, 0, 0),
    "BC": (5000, 0, 0),
    "MB": (5000, 0, 0),
    "NB": (0, 15000, 0),
    "NL": (0, 15000, 0),
    "NS": (0, 14000, 0),
    "NT": (5000, 0, 0),
    "NU": (5000, 0, 0),
    "ON": (0, 13000, 0),
    "PE": (0, 15000, 0),
    "QC": (5000, 0, 9975),
    "SK": (5000, 0, 0),
    "YT": (5000, 0, 0),
}


def load(apps, schema_editor):
    TaxRate = apps.get_model("billing", "TaxRate")
    for province, (gst, hst, pst) in RATES.items():
        TaxRate.objects.update_or_create(
            province=province, defaults={"gst_mp": gst, "hst_mp": hst, "pst_mp": pst}
        )


class Migration(migrations.Migration):
    dependencies = [("billing", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
