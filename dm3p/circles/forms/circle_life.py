import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from dm3p.circles.enums import Rating
from dm3p.circles.models import CIRCLE_NAME_MAX
from dm3p.circles.services.circle_life import CheckInAnswers, MeetingAnswers
from dm3p.core.times import zone_label


class CheckInForm(forms.Form):
    rating = forms.TypedChoiceField(
        choices=Rating.choices,
        coerce=int,
        widget=forms.RadioSelect,
        label="How is your circle going?",
    )
    comment = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Anything you'd like to add?",
        help_text="Optional. Kept private unless you tick the box below.",
    )
    share_comment = forms.BooleanField(required=False, label="The organizers may read my comment")
    pause = forms.BooleanField(
        required=False,
        label="Pause me: I need a break from the circle for now",
        help_text="Your circle sees that you're taking a break. Check in again to come back.",
    )
    wants_different = forms.BooleanField(
        required=False,
        label="I'd like a different circle next round",
        help_text="The organizers see this, so they can place you somewhere else.",
    )

    def answers(self) -> CheckInAnswers:
        data = self.cleaned_data
        return CheckInAnswers(
            rating=data["rating"],
            comment=data["comment"].strip(),
            share_comment=data["share_comment"],
            pause=data["pause"],
            wants_different=data["wants_different"],
        )


class NoteForm(forms.Form):
    text = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Add a note or link",
        help_text="Only the people in your circle can read it. Links are made clickable.",
    )


class CircleNameForm(forms.Form):
    name = forms.CharField(
        max_length=CIRCLE_NAME_MAX,
        label="Your circle's name",
        help_text=f"Up to {CIRCLE_NAME_MAX} characters. Everyone in your circle can change it, "
        "and the organizers see it too.",
        error_messages={
            "required": "Write a name for your circle.",
            "max_length": f"Make the name {CIRCLE_NAME_MAX} characters or fewer "
            "(it has %(show_value)d).",
        },
    )


class MeetingForm(forms.Form):
    starts_local = forms.DateTimeField(
        label="Date and time of the next meeting",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={
            "required": "Give the date and time of the next meeting.",
            "invalid": "Give the date and time like 2026-12-08 19:00.",
        },
    )
    link = forms.CharField(
        required=False,
        max_length=500,
        label="Link to join the meeting",
        help_text="A Zoom, Teams or other video link, starting with https://. Only the "
        "people in your circle see it.",
        widget=forms.URLInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.fields[
            "starts_local"
        ].help_text = f"In your time zone ({zone_label(zone)}), e.g. 2026-12-08 19:00."

    def clean_starts_local(self) -> dt.datetime:
        local: dt.datetime = self.cleaned_data["starts_local"]
        aware = local.replace(tzinfo=ZoneInfo(self.zone))
        if aware < timezone.now():
            raise forms.ValidationError("Choose a time that hasn't passed yet.")
        return aware

    def clean_link(self) -> str:
        link = str(self.cleaned_data["link"]).strip()
        if not link:
            return ""
        try:
            URLValidator(schemes=["https"])(link)
        except ValidationError:
            raise forms.ValidationError(
                "Give a link that starts with https://, like https://zoom.us/j/123456."
            ) from None
        return link

    def answers(self) -> MeetingAnswers:
        return MeetingAnswers(
            starts_at=self.cleaned_data["starts_local"], link=self.cleaned_data["link"]
        )
