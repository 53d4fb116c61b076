from typing import Any

from django.db import migrations


def remove_feeds_without_access(apps: Any, schema_editor: Any) -> None:
    # Feeds of people suspended or declined before feeds were revoked with access: without
    # this, reinstating them would bring their old address back.
    calendar_feed = apps.get_model("events", "CalendarFeed")
    calendar_feed.objects.exclude(user__membership_status__in=["member", "ally"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("events", "0005_meeting_url_is_an_https_address"),
    ]

    operations = [migrations.RunPython(remove_feeds_without_access, migrations.RunPython.noop)]
