"""A matching run's phase is stored as a code (RunPhase) instead of the words shown."""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

# The words stored before, as they were written, and the code each becomes.
PHASE_CODES = {
    "Waiting for the worker to start": "waiting",
    "Starting": "starting",
    "Forming first circles": "forming_first_circles",
    "Finding places for everyone": "placing_everyone",
    "Searching for the best possible circles": "searching_best_possible",
    "Fine-tuning circles": "fine_tuning",
    "Final polish": "final_polish",
    "Done": "done",
    "The engine stopped with an error. Try again; if it happens again, tell the site's "
    "administrators.": "stopped",
}


def phases_to_codes(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    rounds = apps.get_model("circles", "MatchingRound")
    for words, code in PHASE_CODES.items():
        rounds.objects.filter(run_phase=words).update(run_phase=code)
    rounds.objects.exclude(run_phase__in=["", *PHASE_CODES.values()]).update(run_phase="")


def codes_to_phases(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    rounds = apps.get_model("circles", "MatchingRound")
    for words, code in PHASE_CODES.items():
        rounds.objects.filter(run_phase=code).update(run_phase=words)


class Migration(migrations.Migration):
    dependencies = [
        ("circles", "0003_encrypted_text_safe_to_validate"),
    ]

    operations = [
        migrations.RunPython(phases_to_codes, codes_to_phases),
        migrations.AlterField(
            model_name="matchinground",
            name="run_phase",
            field=models.CharField(
                blank=True,
                choices=[
                    ("waiting", "Waiting for the worker to start"),
                    ("starting", "Starting"),
                    ("forming_first_circles", "Forming first circles"),
                    ("placing_everyone", "Finding places for everyone"),
                    ("searching_best_possible", "Searching for the best possible circles"),
                    ("fine_tuning", "Fine-tuning circles"),
                    ("final_polish", "Final polish"),
                    ("done", "Done"),
                    (
                        "stopped",
                        "The engine stopped with an error. Try again; if it happens again, "
                        "tell the site's administrators.",
                    ),
                ],
                max_length=30,
            ),
        ),
    ]
