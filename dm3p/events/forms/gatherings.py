"""Forms for gatherings: a monthly series, one gathering (and copying one), answering, and
resources."""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone

from dm3p.core.forms import answers_from
from dm3p.core.time_zones import TimeZoneField
from dm3p.core.times import start_words
from dm3p.core.uploads import document_upload_check
from dm3p.events.enums import (
    EventStatus,
    EventVisibility,
    LinkAudience,
    ResourceAudience,
    ResourceKind,
    RsvpAnswer,
)
from dm3p.events.models import Event, EventResource, EventSeries
from dm3p.events.services import (
    EventAnswers,
    ResourceAnswers,
    SeriesAnswers,
)


class SeriesForm(forms.ModelForm[EventSeries]):
    months = forms.IntegerField(
        min_value=1,
        max_value=24,
        initial=12,
        label="How many months to create",
        help_text="Each month becomes its own event that you can change on its own.",
    )
    time_zone = TimeZoneField(
        label="Time zone",
        help_text="The start time is in this zone. Type a city or the nearest big city, such "
        "as “Chicago” or “Eastern Time”, or choose from the suggestions.",
    )

    class Meta:
        model = EventSeries
        fields = [
            "title",
            "description",
            "week_of_month",
            "weekday",
            "start_time",
            "time_zone",
            "duration_minutes",
            "visibility",
            "capacity",
        ]
        labels = {
            "week_of_month": "Which week of the month",
            "weekday": "Day of the week",
            "start_time": "Start time",
            "duration_minutes": "Length in minutes",
            "visibility": "Who can see it listed",
            "capacity": "Places",
        }
        help_texts = {
            "start_time": "In the time zone below, 24-hour clock, e.g. 19:00.",
            "capacity": "Leave empty for no limit. When full, members can join a waiting list.",
        }
        widgets = {
            "week_of_month": forms.RadioSelect,
            "weekday": forms.RadioSelect,
            "visibility": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
            "start_time": forms.TimeInput(attrs={"type": "time"}),
        }

    def answers(self) -> SeriesAnswers:
        return answers_from(self, SeriesAnswers)

    def months_to_create(self) -> int:
        return int(self.cleaned_data["months"])


class EventForm(forms.ModelForm[Event]):
    starts_local = forms.DateTimeField(
        label="Starts",
        help_text="In the gathering's time zone, chosen below.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    duration_minutes = forms.IntegerField(min_value=15, max_value=600, label="Length in minutes")
    time_zone = TimeZoneField(
        label="Time zone",
        help_text="The start time is in this zone. Type a city or the nearest big city, such "
        "as “Chicago” or “Eastern Time”, or choose from the suggestions.",
    )
    cancelled = forms.BooleanField(required=False, label="This gathering is cancelled")
    reminders = forms.CharField(
        required=False,
        max_length=40,
        initial="7, 1",
        label="Reminders",
        help_text="How many days before the start those coming get a reminder, separated by "
        "commas, e.g. “7, 1”. Leave empty for none.",
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "description",
            "time_zone",
            "visibility",
            "capacity",
            "is_recorded",
            "meeting_url",
            "meeting_id",
            "meeting_passcode",
            "link_audience",
        ]
        labels = {
            "is_recorded": "The main room is recorded",
            "meeting_url": "Meeting link",
            "meeting_id": "Meeting ID",
            "meeting_passcode": "Passcode",
            "link_audience": "Who sees the meeting link",
            "visibility": "Who can see it listed",
            "capacity": "Places",
        }
        help_texts = {
            "meeting_url": "Shown only to members, never on public pages or feeds.",
            "capacity": "Leave empty for no limit.",
        }
        widgets = {
            "visibility": forms.RadioSelect,
            "link_audience": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6}),
            "meeting_url": forms.URLInput,
            "meeting_id": forms.TextInput,
            "meeting_passcode": forms.TextInput(attrs={"autocomplete": "off"}),
        }

    field_order = [
        "title",
        "description",
        "starts_local",
        "duration_minutes",
        "time_zone",
        "visibility",
        "capacity",
        "is_recorded",
        "meeting_url",
        "meeting_id",
        "meeting_passcode",
        "link_audience",
        "reminders",
        "cancelled",
    ]

    # The questions that say when it starts, checked by "Check the time".
    TIME_FIELDS = ("starts_local", "duration_minutes", "time_zone")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        event = self.instance
        if event.pk:
            local = timezone.localtime(event.starts_at, _zone(event.time_zone))
            self.initial.update(
                {
                    "starts_local": local.replace(tzinfo=None),
                    "duration_minutes": int(event.duration.total_seconds() // 60),
                    "cancelled": event.is_cancelled,
                    "reminders": ", ".join(str(days) for days in event.reminder_days or []),
                }
            )
        for name in ("meeting_url", "meeting_id", "meeting_passcode"):
            self.fields[name].required = False

    def clean_meeting_url(self) -> str:
        # Spaces around a pasted link are forgiven; the model checks the rest.
        return (self.cleaned_data.get("meeting_url") or "").strip()

    def clean_reminders(self) -> list[int]:
        text = self.cleaned_data["reminders"]
        parts = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
        if not all(part.isdigit() and 0 < int(part) <= 60 for part in parts):
            raise forms.ValidationError(
                "Write whole numbers of days from 1 to 60, separated by commas, e.g. 7, 1."
            )
        return sorted({int(part) for part in parts}, reverse=True)

    def start_in_words(self) -> str:
        """When it starts, as people say it ("Tuesday 12 January 2027, 7:00 pm Eastern Time
        (New York)"), once a start and a zone are known; else ""."""
        if self.is_bound:
            values = getattr(self, "cleaned_data", {})
        else:
            values = {name: self[name].initial for name in ("starts_local", "time_zone")}
        start, zone = values.get("starts_local"), values.get("time_zone")
        if not isinstance(start, dt.datetime) or not zone:
            return ""
        return start_words(start.replace(tzinfo=_zone(zone)), zone)

    def times(self) -> tuple[dt.datetime, dt.datetime]:
        data = self.cleaned_data
        start = data["starts_local"].replace(tzinfo=None)
        aware = start.replace(tzinfo=_zone(data["time_zone"]))
        return aware, aware + dt.timedelta(minutes=data["duration_minutes"])

    def answers(self) -> EventAnswers:
        starts_at, ends_at = self.times()
        data = self.cleaned_data
        return EventAnswers(
            title=data["title"],
            description=data["description"],
            starts_at=starts_at,
            ends_at=ends_at,
            time_zone=data["time_zone"],
            visibility=EventVisibility(data["visibility"]),
            capacity=data["capacity"],
            is_recorded=data["is_recorded"],
            meeting_url=data["meeting_url"],
            meeting_id=data["meeting_id"],
            meeting_passcode=data["meeting_passcode"],
            link_audience=LinkAudience(data["link_audience"]),
            reminder_days=data["reminders"],
            status=EventStatus.CANCELLED if data["cancelled"] else EventStatus.SCHEDULED,
        )


def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


class RsvpForm(forms.Form):
    answer = forms.ChoiceField(
        choices=RsvpAnswer.choices, widget=forms.RadioSelect, label="Are you coming?"
    )


def event_copy_initial(event: Event) -> dict[str, Any]:
    """A gathering's answers as the start of a new one: everything but its date, its
    cancellation, and anything members answered."""
    return {
        "title": event.title,
        "description": event.description,
        "duration_minutes": int(event.duration.total_seconds() // 60),
        "time_zone": event.time_zone,
        "visibility": event.visibility,
        "capacity": event.capacity,
        "is_recorded": event.is_recorded,
        "meeting_url": event.meeting_url,
        "meeting_id": event.meeting_id,
        "meeting_passcode": event.meeting_passcode,
        "link_audience": event.link_audience,
        "reminders": ", ".join(str(days) for days in event.reminder_days or []),
    }


def segments_copy_initial(event: Event) -> list[dict[str, Any]]:
    return [
        {"kind": item.kind, "title": item.title, "minutes": item.minutes, "order": item.order}
        for item in event.segments.all()
    ]


def speakers_copy_initial(event: Event) -> list[dict[str, Any]]:
    """Names and words; a photo is chosen again (a file box can't be filled in)."""
    return [{"name": item.name, "bio": item.bio} for item in event.speakers.all()]


class ResourceForm(forms.ModelForm[EventResource]):
    class Meta:
        model = EventResource
        fields = ["kind", "title", "url", "file", "audience", "has_captions", "has_transcript"]
        labels = {
            "kind": "What it is",
            "url": "Link (for a recording, or anything online)",
            "file": "Or upload a file",
            "audience": "Who can open it",
            "has_captions": "The recording has captions made from the CART transcript",
            "has_transcript": "A transcript goes with it",
        }
        help_texts = {
            "file": "PDF, PowerPoint, Word, OpenDocument, text, WebVTT or SRT; up to 25 MB."
        }
        widgets = {"kind": forms.RadioSelect, "audience": forms.RadioSelect}

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "read"):
            document_upload_check(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("url") and not cleaned.get("file") and not self.errors:
            self.add_error("url", "Give a link, or upload a file.")
        return cleaned

    def answers(self) -> ResourceAnswers:
        data = self.cleaned_data
        return ResourceAnswers(
            kind=ResourceKind(data["kind"]),
            title=data["title"],
            url=data["url"],
            file=data["file"] or None,
            audience=ResourceAudience(data["audience"]),
            has_captions=data["has_captions"],
            has_transcript=data["has_transcript"],
        )
