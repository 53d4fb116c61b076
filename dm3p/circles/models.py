import datetime as dt

from django.conf import settings
from django.db import models

from dm3p.circles.enums import (
    MeetingRhythm,
    ProfessionPreference,
    Rating,
    RunPhase,
    RunStatus,
)
from dm3p.core.encrypted import EncryptedTextField
from dm3p.events.models import Event
from dm3p.members.models import Term


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


class MatchingPreferences(models.Model):
    """A member's standing wishes for circles. ``avoid`` is private: it is used by the
    engine and never shown to anyone but its owner."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="matching_preferences"
    )
    profession_preference = models.CharField(
        max_length=10, choices=ProfessionPreference, default=ProfessionPreference.MIXED
    )
    avoid = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    def __str__(self) -> str:
        return f"Matching preferences {self.pk}"


class MatchingRound(models.Model):
    """Members opt in during the sign-up window; organizers run the engine, adjust the
    draft circles and publish them. Circles then meet until ``ends_on``."""

    name = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    signup_opens_on = models.DateField()
    signup_closes_on = models.DateField()
    starts_on = models.DateField()
    ends_on = models.DateField()
    min_size = models.PositiveSmallIntegerField(default=4)
    max_size = models.PositiveSmallIntegerField(default=6)
    meets = models.CharField(max_length=12, choices=MeetingRhythm, default=MeetingRhythm.MONTHLY)
    check_in_every_weeks = models.PositiveSmallIntegerField(default=4)
    announced_at = models.DateTimeField(null=True, blank=True)
    # An organizer closed sign-up before ``signup_closes_on``.
    signup_closed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    run_status = models.CharField(max_length=8, choices=RunStatus, default=RunStatus.IDLE)
    run_phase = models.CharField(max_length=30, choices=RunPhase, blank=True)
    run_percent = models.PositiveSmallIntegerField(default=0)
    run_count = models.PositiveIntegerField(default=0)
    run_started_at = models.DateTimeField(null=True, blank=True)
    run_finished_at = models.DateTimeField(null=True, blank=True)
    run_stats = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_size__gte=2, max_size__gte=models.F("min_size")),
                name="round_sizes_make_sense",
            ),
            models.CheckConstraint(
                condition=models.Q(signup_closes_on__gte=models.F("signup_opens_on")),
                name="round_signup_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="round_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def signup_open_on(self, day: dt.date) -> bool:
        return (
            self.published_at is None
            and self.signup_closed_at is None
            and self.signup_opens_on <= day <= self.signup_closes_on
        )

    def signup_closed_on(self, day: dt.date) -> bool:
        """Sign-up is over (closed early, or its last day has passed), whatever comes next."""
        return self.signup_closed_at is not None or day > self.signup_closes_on

    def running_on(self, day: dt.date) -> bool:
        return self.published_at is not None and day <= self.ends_on

    @property
    def run_pending(self) -> bool:
        """A matching run is waiting for the worker or running (its page shows progress)."""
        return self.run_status in {RunStatus.QUEUED, RunStatus.RUNNING}

    @property
    def run_done(self) -> bool:
        return self.run_status == RunStatus.DONE


class RoundEntry(models.Model):
    """A member's opt-in to a round, with the inputs they confirmed for it."""

    round = models.ForeignKey(MatchingRound, on_delete=models.CASCADE, related_name="entries")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="round_entries"
    )
    topics_offered = models.ManyToManyField(Term, blank=True, related_name="+")
    topics_sought = models.ManyToManyField(Term, blank=True, related_name="+")
    modes = models.ManyToManyField(Term, blank=True, related_name="+")
    # Hours of the week in the member's own time zone, as on the profile.
    availability = models.JSONField(default=list, blank=True)
    time_zone = models.CharField(max_length=60)
    unassigned_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "member"], name="one_entry_per_round")
        ]

    def __str__(self) -> str:
        return f"Round entry {self.pk}"


CIRCLE_NAME_MAX = 60


class Circle(models.Model):
    """A circle of a round. Its members may give it a name and agree the next meeting (the
    link is for them only: like every meeting link, it is secret)."""

    round = models.ForeignKey(MatchingRound, on_delete=models.CASCADE, related_name="circles")
    number = models.PositiveSmallIntegerField()
    locked = models.BooleanField(default=False)
    name = models.CharField(max_length=CIRCLE_NAME_MAX, blank=True)
    next_meeting_at = models.DateTimeField(null=True, blank=True)
    next_meeting_link = models.URLField(max_length=500, blank=True)
    next_meeting_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="circle_number_once")
        ]

    def __str__(self) -> str:
        return self.name or f"Circle {self.number}"


class CircleMembership(models.Model):
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="memberships")
    round = models.ForeignKey(MatchingRound, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="circle_memberships"
    )
    seen_at = models.DateTimeField(null=True, blank=True)
    paused = models.BooleanField(default=False)
    wants_different = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "member"], name="one_circle_per_round")
        ]

    def __str__(self) -> str:
        return f"Circle membership {self.pk}"


class CircleNote(models.Model):
    """Notes and links a circle keeps for itself; only its members read them."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Circle note {self.pk}"


class CheckIn(models.Model):
    """A one-minute check-in. Organizers see the rating; the comment only if the member
    chose to share it."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="check_ins")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_ins"
    )
    rating = models.PositiveSmallIntegerField(choices=Rating)
    comment = EncryptedTextField(null=True, blank=True)
    share_comment = models.BooleanField(default=False)
    pause = models.BooleanField(default=False)
    wants_different = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Check-in {self.pk}"
