"""Messages belong to conversations: each pair of people has one, and the messages already
sent between them (either way) become its first messages, in order. Going back removes the
conversations and leaves the messages as they were."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def group_by_pair(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Conversation = apps.get_model("conversations", "Conversation")
    Message = apps.get_model("conversations", "Message")
    pairs: dict[tuple[int, int], int] = {}
    for message in Message.objects.order_by("created_at", "id").only(
        "id", "sender_id", "recipient_id"
    ):
        if message.sender_id is None:  # a former member's: a conversation of its own
            conversation = Conversation.objects.create(person_b_id=message.recipient_id)
            conversation_id = conversation.pk
        else:
            low, high = sorted((message.sender_id, message.recipient_id))
            if (low, high) not in pairs:
                pairs[low, high] = Conversation.objects.create(person_a_id=low, person_b_id=high).pk
            conversation_id = pairs[low, high]
        Message.objects.filter(pk=message.pk).update(conversation_id=conversation_id)


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("conversations", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Conversation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "person_a",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "person_b",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("person_a", "person_b"), name="conversation_per_pair"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("person_a__lt", models.F("person_b"))),
                        name="conversation_pair_in_order",
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="message",
            name="conversation",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="messages",
                to="conversations.conversation",
            ),
        ),
        migrations.RunPython(group_by_pair, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="message",
            name="conversation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="messages",
                to="conversations.conversation",
            ),
        ),
    ]
