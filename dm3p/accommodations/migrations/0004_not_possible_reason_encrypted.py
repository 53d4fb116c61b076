"""Why a request is not possible is written to a member about their needs: it is encrypted at
rest like the request's details. Reasons already written are encrypted in place; an empty
reason is stored as nothing (NULL), as the encrypted field stores empty text."""

from typing import Any

import encrypted_fields.fields
from django.db import migrations
from django.db.models import TextField, Value


def reasons_encrypt(apps: Any, schema_editor: Any) -> None:
    request_model = apps.get_model("accommodations", "AccommodationRequest")
    # The field reads a plain reason as it is (it is not a token) and writes it encrypted.
    for pk, reason in request_model.objects.values_list("pk", "not_possible_reason"):
        request_model.objects.filter(pk=pk).update(not_possible_reason=reason or None)


def reasons_decrypt(apps: Any, schema_editor: Any) -> None:
    request_model = apps.get_model("accommodations", "AccommodationRequest")
    for pk, reason in request_model.objects.values_list("pk", "not_possible_reason"):
        # A plain value, written as it is: the encrypted field would encrypt it again.
        plain = Value(reason or "", output_field=TextField())
        request_model.objects.filter(pk=pk).update(not_possible_reason=plain)


class Migration(migrations.Migration):
    dependencies = [
        ("accommodations", "0003_interpreter_in_breakouts"),
    ]

    operations = [
        migrations.AlterField(
            model_name="accommodationrequest",
            name="not_possible_reason",
            field=encrypted_fields.fields.EncryptedTextField(blank=True, null=True),
        ),
        migrations.RunPython(reasons_encrypt, reasons_decrypt, elidable=False),
    ]
