"""Joins the two halves of the job board built in parallel (postings; employer onboarding)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("jobboard", "0002_reference_data"),
        ("jobboard", "0002_employer_onboarding"),
    ]
    operations: list = []
