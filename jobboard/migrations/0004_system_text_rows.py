"""Issue 17: the regulator's inbox row of a posting was stored in French (« Offre d’emploi :
<title> — <company> »); it becomes a message key (portal.system_text) read in the reader's
language, with the posting's English title for English readers when it has one. Other stored
texts (an applicant's message to the managers) stay as written."""

from django.db import migrations

LANGUAGES = "__languages__"
PREFIXES = ("Offre d’emploi : ", "Offre d'emploi : ", "Job posting: ")


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Review = apps.get_model("portal", "Review")
    Posting = apps.get_model("jobboard", "Posting")
    posting_type = ContentType.objects.filter(app_label="jobboard", model="posting").first()
    if posting_type is None:
        return
    reviews = Review.objects.filter(
        kind="jobboard.posting", subject_type=posting_type, summary_key__isnull=True
    )
    postings = Posting.objects.in_bulk([r.subject_id for r in reviews])
    for review in reviews:
        posting = postings.get(review.subject_id)
        prefix = next((p for p in PREFIXES if review.summary.startswith(p)), None)
        if posting is None or prefix is None or " — " not in review.summary:
            continue
        organisation = review.summary.rsplit(" — ", 1)[1]
        review.summary_key = {
            "key": "jobboard.posting_review",
            "params": {
                "title": {LANGUAGES: {"fr": posting.title_fr, "en": posting.title_en}},
                "organisation": organisation,
            },
        }
        review.save(update_fields=["summary_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("jobboard", "0003_reference_data"),
        ("portal", "0002_system_text_keys"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
