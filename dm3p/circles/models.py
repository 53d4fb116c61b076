from django.conf import settings
from django.db import models

from dm3p.events.models import Event


class BreakoutRoom(models.Model):
    """A small-group room at a gathering. Rooms with an interpreter or captioner name them by
    e-mail, so Zoom places them in that room too."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="breakout_rooms")
    name = models.CharField(max_length=100)
    topic = models.CharField(max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(null=True, blank=True)
    has_interpreter = models.BooleanField(default=False)
    has_captioner = models.BooleanField(default=False)
    support_emails = models.TextField(
        blank=True, help_text="The interpreters' and captioners' Zoom e-mail addresses."
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="room_name_once_per_event")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def support_addresses(self) -> list[str]:
        return [
            part.strip()
            for part in self.support_emails.replace("\n", ",").split(",")
            if part.strip()
        ]


class BreakoutChoice(models.Model):
    """A member's ranked choice of rooms for one gathering."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="breakout_choices"
    )
    ranked_rooms = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "member"], name="one_choice_per_event")
        ]

    def __str__(self) -> str:
        return f"Breakout choice {self.pk}"


class BreakoutAssignment(models.Model):
    room = models.ForeignKey(BreakoutRoom, on_delete=models.CASCADE, related_name="assignments")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="breakout_assignments"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["room", "member"], name="assigned_once_per_room")
        ]

    def __str__(self) -> str:
        return f"Assignment {self.pk}"
