"""What organizers write to applicants and reporters (questions, decisions, outcomes) is
encrypted at rest, like other sensitive text. Existing rows are encrypted in place."""

import encrypted_fields.fields
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

FIELDS = {"application": ["info_request", "decision_message"], "report": ["outcome_message"]}


def encrypt_existing(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    # The fields are encrypted now; reading a row still stored as plain text gives the text
    # (it doesn't decrypt), and writing it back encrypts it. Empty text is stored as NULL.
    for model_name, fields in FIELDS.items():
        model = apps.get_model("members", model_name)
        for row in model.objects.values("pk", *fields).iterator():
            values = {name: row[name] or None for name in fields}
            model.objects.filter(pk=row["pk"]).update(**values)


def decrypt_existing(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for model_name, fields in FIELDS.items():
        model = apps.get_model("members", model_name)
        table = schema_editor.quote_name(model._meta.db_table)
        assignments = ", ".join(f"{schema_editor.quote_name(name)} = %s" for name in fields)
        with schema_editor.connection.cursor() as cursor:
            for row in model.objects.values("pk", *fields).iterator():
                cursor.execute(
                    f"UPDATE {table} SET {assignments} WHERE id = %s",  # noqa: S608
                    [*(row[name] or "" for name in fields), row["pk"]],
                )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0005_message_kept_for_sender_when_blocked"),
    ]

    operations = [
        migrations.AlterField(
            model_name="application",
            name="decision_message",
            field=encrypted_fields.fields.EncryptedTextField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="application",
            name="info_request",
            field=encrypted_fields.fields.EncryptedTextField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="report",
            name="outcome_message",
            field=encrypted_fields.fields.EncryptedTextField(blank=True, null=True),
        ),
        migrations.RunPython(encrypt_existing, decrypt_existing),
    ]
