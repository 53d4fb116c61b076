"""Messages remember when their recipient opened them (``read_at``), so a person can see
what is new. Messages sent before this count as read: they were e-mailed and may have been
read there, and a member should not find every old message marked new. Going back drops
the column."""

from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def mark_earlier_messages_read(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Message = apps.get_model("conversations", "Message")
    Message.objects.filter(read_at__isnull=True).update(read_at=models.F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("conversations", "0002_conversations"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="message",
            name="read_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(mark_earlier_messages_read, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="message",
            index=models.Index(
                condition=models.Q(("delivered", True), ("read_at__isnull", True)),
                fields=["recipient"],
                name="message_unread",
            ),
        ),
    ]
