"""Until now one details box served every kind a member chose: its text was copied into each
kind, and joined again (one copy per kind, a line apart) when the form came back, so each
save repeated it. Details that are one block of lines repeated whole, two or more times, are
cut back to the block: a verbatim repeat says nothing more, so no text is lost. Text that
isn't such a repeat is left as it is (each kind keeps the text the member wrote for all)."""

from typing import Any

from django.db import migrations


def undoubled(text: str) -> str:
    lines = text.replace("\r\n", "\n").split("\n")
    for size in range(1, len(lines) // 2 + 1):
        block = lines[:size]
        if len(lines) % size == 0 and lines == block * (len(lines) // size):
            if not "".join(block).strip():
                return text
            return ("\r\n" if "\r\n" in text else "\n").join(block)
    return text


def details_undouble(apps: Any, schema_editor: Any) -> None:
    for model_name in ("StandingNeed", "AccommodationRequest"):
        model = apps.get_model("accommodations", model_name)
        for pk, details in model.objects.exclude(details=None).values_list("pk", "details"):
            shorter = undoubled(details)
            if shorter != details:
                model.objects.filter(pk=pk).update(details=shorter)


class Migration(migrations.Migration):
    dependencies = [
        ("accommodations", "0004_not_possible_reason_encrypted"),
    ]

    operations = [
        # Going back leaves the shorter text: repeating it again would help nobody.
        migrations.RunPython(details_undouble, migrations.RunPython.noop, elidable=False),
    ]
