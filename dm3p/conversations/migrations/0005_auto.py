"""A private space for each circle already published (circles published from now on get
theirs when they are published)."""

from typing import Any

from django.db import migrations


def circle_spaces(apps: Any, schema_editor: Any) -> None:
    Circle = apps.get_model("circles", "Circle")
    Space = apps.get_model("conversations", "Space")
    published = Circle.objects.filter(
        round__published_at__isnull=False, space__isnull=True
    ).select_related("round")
    for circle in published:
        label = circle.name or f"Circle {circle.number}"
        Space.objects.create(
            circle=circle,
            kind="circle",
            audience="listed",
            name=f"{label} ({circle.round.name})"[:100],
            slug=f"circle-{circle.pk}",
            description="Only the people in this circle can read and write here.",
        )


class Migration(migrations.Migration):
    dependencies = [
        ("conversations", "0004_forum"),
        ("circles", "0006_round_signup_closed_early"),
    ]

    operations = [
        migrations.RunPython(circle_spaces, migrations.RunPython.noop),
    ]
