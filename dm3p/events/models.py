import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone

from dm3p.core.encrypted import EncryptedTextField
from dm3p.events.enums import (
    EventStatus,
    EventVisibility,
    LinkAudience,
    ResourceAudience,
    ResourceKind,
    RsvpAnswer,
    SegmentKind,
    Weekday,
    WeekOfMonth,
)

MEETING_URL_MESSAGE = (
    "Enter the meeting link as a full address starting with https://, "
    "e.g. https://zoom.us/j/123456789."
)
_https_address = URLValidator(schemes=["https"], message=MEETING_URL_MESSAGE)


def meeting_url_check(value: str) -> None:
    """Members open the link from the site, e-mails and calendars: only a secure web address,
    never javascript:, data: or plain http."""
    if len(value) > 2000 or value != value.strip():
        raise ValidationError(MEETING_URL_MESSAGE, code="invalid")
    _https_address(value)


def default_reminder_days() -> list[int]:
    return [7, 1]


class EventSeries(models.Model):
    """A rule such as "second Tuesday of each month, 19:00 America/New_York, 90 minutes"
    that makes one event per month; each event can then be changed on its own."""

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    week_of_month = models.SmallIntegerField(choices=WeekOfMonth)
    weekday = models.SmallIntegerField(choices=Weekday)
    start_time = models.TimeField()
    time_zone = models.CharField(max_length=60)
    duration_minutes = models.PositiveSmallIntegerField(default=90)
    visibility = models.CharField(
        max_length=10, choices=EventVisibility, default=EventVisibility.PUBLIC
    )
    capacity = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "event series"

    def __str__(self) -> str:
        return self.title


class Event(models.Model):
    """One gathering. Times are stored in UTC with the zone the organizers chose."""

    series = models.ForeignKey(
        EventSeries, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    time_zone = models.CharField(max_length=60)
    status = models.CharField(max_length=10, choices=EventStatus, default=EventStatus.SCHEDULED)
    visibility = models.CharField(
        max_length=10, choices=EventVisibility, default=EventVisibility.PUBLIC
    )
    capacity = models.PositiveIntegerField(null=True, blank=True)
    is_recorded = models.BooleanField(default=False)
    meeting_url = EncryptedTextField(null=True, blank=True, validators=[meeting_url_check])
    meeting_id = EncryptedTextField(null=True, blank=True)
    meeting_passcode = EncryptedTextField(null=True, blank=True)
    link_audience = models.CharField(
        max_length=10, choices=LinkAudience, default=LinkAudience.MEMBERS
    )
    reminder_days = models.JSONField(
        default=default_reminder_days,
        blank=True,
        help_text="Days before the start when those coming get a reminder, e.g. [7, 1].",
    )
    # Goes up whenever the time, place or status changes, so calendars take the update.
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def duration(self) -> dt.timedelta:
        return self.ends_at - self.starts_at

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def has_ended(self) -> bool:
        """A past gathering: no answers, requests or "add to calendar"; its resources stay."""
        return self.ends_at <= timezone.now()

    @property
    def link_only_for_those_coming(self) -> bool:
        """The meeting link is shown only to members who said they are coming."""
        return self.link_audience == LinkAudience.REGISTERED


class AgendaSegment(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="segments")
    kind = models.CharField(max_length=12, choices=SegmentKind)
    title = models.CharField(max_length=200, blank=True)
    minutes = models.PositiveSmallIntegerField(default=15)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()


class Speaker(models.Model):
    """A guest speaker; need not be a member."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(max_length=150)
    bio = models.TextField(blank=True)
    photo = models.ImageField(upload_to="speakers/", blank=True)
    photo_alt_text = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(photo="") | ~models.Q(photo_alt_text=""),
                name="speaker_photo_has_alt_text",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Rsvp(models.Model):
    """A member's answer for one event. With a capacity, "going" beyond it waits in line."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rsvps"
    )
    answer = models.CharField(max_length=6, choices=RsvpAnswer)
    waitlisted = models.BooleanField(default=False)
    answered_at = models.DateTimeField()

    class Meta:
        ordering = ["answered_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "member"], name="one_rsvp_per_member")
        ]

    def __str__(self) -> str:
        return f"RSVP {self.pk}"


class CalendarFeed(models.Model):
    """A member's private calendar feed: a secret address they can reset."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    token = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Calendar feed of user {self.user_id}"


def resource_path(resource: "EventResource", filename: str) -> str:
    return f"event-resources/{filename}"


class EventResource(models.Model):
    """Something that goes with a gathering: slides beforehand, a recording or transcript
    after. Recordings say whether they have captions (from the CART transcript) and a
    transcript, so people know before they open them."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField(max_length=12, choices=ResourceKind)
    title = models.CharField(max_length=200)
    url = models.URLField(blank=True)
    file = models.FileField(upload_to=resource_path, blank=True)
    audience = models.CharField(
        max_length=8, choices=ResourceAudience, default=ResourceAudience.MEMBERS
    )
    has_captions = models.BooleanField(default=False)
    has_transcript = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(url="") | ~models.Q(file=""),
                name="resource_has_a_link_or_a_file",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_recording(self) -> bool:
        return self.kind == ResourceKind.RECORDING
