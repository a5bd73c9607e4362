"""Reference data of the Summer Jobs Service: the first version of the privacy notice, and the
SJS plan's reference lists (goal, sub-goals, objective types), as data like the EO plan's; the
ministry may add entries in the admin."""

from django.db import migrations


def add_first_notice(apps, schema_editor):
    from casework.notice_text import NOTICE_V1

    apps.get_model("casework", "NoticeVersion").objects.get_or_create(
        version=NOTICE_V1["version"], defaults=NOTICE_V1
    )

GOALS = [("employment", "Employment", "Emploi", 1)]
SUB_GOALS = [
    (
        "summer_job",
        "employment",
        "Find and keep a summer job",
        "Trouver et garder un emploi d'été",
        1,
    ),
    (
        "work_experience",
        "employment",
        "Gain work experience",
        "Acquérir de l'expérience de travail",
        2,
    ),
]
OBJECTIVE_TYPES = [
    ("placement", "Summer job placement", "Placement d'emploi d'été", True, 1),
    ("job_search", "Job search assistance", "Aide à la recherche d'emploi", False, 2),
    ("job_readiness", "Job-readiness workshop", "Atelier de préparation à l'emploi", False, 3),
    ("safety", "Workplace safety training", "Formation en sécurité au travail", False, 4),
]


def seed(apps, schema_editor):
    goal_model = apps.get_model("casework", "PlanGoal")
    sub_goal_model = apps.get_model("casework", "PlanSubGoal")
    type_model = apps.get_model("casework", "ObjectiveType")
    goals = {}
    for code, en, fr, order in GOALS:
        goals[code], _ = goal_model.objects.get_or_create(
            code=code, defaults={"name_en": en, "name_fr": fr, "order": order}
        )
    for code, goal, en, fr, order in SUB_GOALS:
        sub_goal_model.objects.get_or_create(
            code=code, defaults={"goal": goals[goal], "name_en": en, "name_fr": fr, "order": order}
        )
    for code, en, fr, placement, order in OBJECTIVE_TYPES:
        type_model.objects.get_or_create(
            code=code,
            defaults={"name_en": en, "name_fr": fr, "is_placement": placement, "order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("casework", "0001_initial")]
    operations = [
        migrations.RunPython(add_first_notice, migrations.RunPython.noop),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
