import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone

from dm3p.core.forms import answers_from
from dm3p.core.images import ImageUploadField, image_upload_check, image_without_metadata
from dm3p.core.uploads import document_upload_check
from dm3p.events.enums import (
    EventStatus,
    EventVisibility,
    LinkAudience,
    ResourceAudience,
    ResourceKind,
    RsvpAnswer,
    SegmentKind,
)
from dm3p.events.models import AgendaSegment, Event, EventResource, EventSeries, Speaker
from dm3p.events.services import (
    EventAnswers,
    ResourceAnswers,
    SegmentRow,
    SeriesAnswers,
    SpeakerRow,
)
from dm3p.members.forms import TimeZoneField


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
        initial="America/New_York",
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
        help_text="In the event's time zone, e.g. 2026-12-08 19:00.",
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


class SegmentForm(forms.ModelForm[AgendaSegment]):
    class Meta:
        model = AgendaSegment
        fields = ["kind", "title", "minutes", "order"]
        labels = {
            "kind": "Part",
            "title": "Title (optional)",
            "minutes": "Minutes",
            "order": "Position",
        }


class SpeakerForm(forms.ModelForm[Speaker]):
    class Meta:
        model = Speaker
        fields = ["name", "bio", "photo", "photo_alt_text"]
        field_classes = {"photo": ImageUploadField}
        labels = {
            "name": "Speaker's name",
            "bio": "About the speaker",
            "photo": "Photo",
            "photo_alt_text": "Describe the photo",
        }
        help_texts = {
            "photo": "PNG, JPEG, GIF or WebP, up to 5 MB.",
            "photo_alt_text": "Needed with a photo, for people who can't see it.",
        }
        widgets = {"bio": forms.Textarea(attrs={"rows": 3})}

    def clean_photo(self) -> Any:
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "image"):
            image_upload_check(photo)
            return image_without_metadata(photo)
        return photo

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("photo") and not (cleaned.get("photo_alt_text") or "").strip():
            self.add_error("photo_alt_text", "Describe the photo, or remove it.")
        return cleaned


def _answered(formset: forms.BaseInlineFormSet[Any, Any, Any]) -> list[dict[str, Any]]:
    """The cleaned answers of each form someone filled in or changed (a blank extra form
    is no answer), each with the ``id`` it changes and whether to ``remove`` it."""
    answered = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or (form.instance.pk is None and not form.has_changed()):
            continue
        answered.append(
            {
                **data,
                "id": form.instance.pk,
                "remove": bool(formset.can_delete and data.get("DELETE")),
            }
        )
    return answered


def segment_rows(formset: forms.BaseInlineFormSet[Any, Any, Any]) -> list[SegmentRow]:
    return [
        SegmentRow(
            id=data["id"],
            kind=SegmentKind(data["kind"]) if data.get("kind") else SegmentKind.CUSTOM,
            title=data.get("title", ""),
            minutes=data.get("minutes") or 0,
            order=data.get("order") or 0,
            remove=data["remove"],
        )
        for data in _answered(formset)
    ]


def speaker_rows(formset: forms.BaseInlineFormSet[Any, Any, Any]) -> list[SpeakerRow]:
    return [
        SpeakerRow(
            id=data["id"],
            name=data.get("name", ""),
            bio=data.get("bio", ""),
            photo=data.get("photo") or None,
            photo_alt_text=data.get("photo_alt_text", ""),
            remove=data["remove"],
        )
        for data in _answered(formset)
    ]


SegmentFormSet = forms.inlineformset_factory(
    Event, AgendaSegment, form=SegmentForm, extra=2, can_delete=True
)
SpeakerFormSet = forms.inlineformset_factory(
    Event, Speaker, form=SpeakerForm, extra=1, can_delete=True
)


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
