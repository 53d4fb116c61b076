"""A thread for each gathering that has none yet (gatherings saved from now on get theirs
when they are saved; until now a thread was made when its gathering's page was first
read). Mirrors ``services.auto_spaces.gathering_thread_for``."""

from typing import Any

from django.db import migrations

TITLE_MAX = 150


def gathering_threads(apps: Any, schema_editor: Any) -> None:
    Event = apps.get_model("events", "Event")
    Space = apps.get_model("conversations", "Space")
    Thread = apps.get_model("conversations", "Thread")
    events = Event.objects.filter(thread__isnull=True).order_by("id")
    if not events.exists():
        return
    space = Space.objects.filter(kind="gatherings").order_by("pk").first()
    if space is None:
        space, _ = Space.objects.get_or_create(
            slug="gatherings",
            defaults={
                "name": "Gatherings",
                "kind": "gatherings",
                "audience": "everyone",
                "description": "A conversation for each gathering, before and after it.",
            },
        )
    for event in events:
        Thread.objects.create(space=space, event=event, title=event.title[:TITLE_MAX])


class Migration(migrations.Migration):
    dependencies = [
        ("conversations", "0007_direct"),
        ("events", "0007_encrypted_text_safe_to_validate"),
    ]

    operations = [
        migrations.RunPython(gathering_threads, migrations.RunPython.noop),
    ]
