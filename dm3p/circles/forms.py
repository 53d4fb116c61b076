from typing import Any

from django import forms
from django.forms import BoundField

from dm3p.accounts.models import User
from dm3p.circles.enums import ProfessionPreference, Rating
from dm3p.circles.models import BreakoutRoom, Circle, MatchingRound, RoundEntry
from dm3p.circles.selectors import people_named, preferences_of
from dm3p.circles.services import CheckInAnswers, EntryChoices
from dm3p.core.fields import ModelChoiceField, checkboxes
from dm3p.core.spreadsheets import starts_like_formula
from dm3p.members.availability import hours_from_parts
from dm3p.members.enums import TermKind
from dm3p.members.forms import availability_fields, time_zone_choices
from dm3p.members.selectors import terms_active


class RoomForm(forms.ModelForm[BreakoutRoom]):
    class Meta:
        model = BreakoutRoom
        fields = ["name", "topic", "capacity", "has_interpreter", "has_captioner", "support_emails"]
        labels = {
            "name": "Room name",
            "topic": "Topic",
            "capacity": "Places",
            "has_interpreter": "A sign language interpreter is in this room",
            "has_captioner": "A captioner (CART) is in this room",
            "support_emails": "Interpreters' and captioners' Zoom e-mail addresses",
        }
        help_texts = {
            "name": "As Zoom will show it, e.g. “Disclosure in interviews”.",
            "capacity": "Leave empty for no limit.",
            "support_emails": "Separated by commas. They get a row in Zoom's file for this room.",
        }
        widgets = {"support_emails": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"__all__": {"unique_together": "There is already a room with this name."}}

    def __init__(self, *args: Any, event: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.event = event

    def clean_support_emails(self) -> str:
        text: str = self.cleaned_data["support_emails"]
        validator = forms.EmailField()
        for address in [part.strip() for part in text.replace("\n", ",").split(",")]:
            if address and starts_like_formula(address):
                raise forms.ValidationError(
                    f"“{address}” starts with =, +, - or @, which an e-mail address can't. "
                    "Check it and type it again."
                )
            if address:
                try:
                    validator.clean(address)
                except forms.ValidationError:
                    raise forms.ValidationError(f"“{address}” is not an e-mail address.") from None
        return text

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"]
        if starts_like_formula(name.strip()):
            # Zoom's file names the room, and a spreadsheet would run such a name as a formula.
            raise forms.ValidationError("Start the room name with a letter or a number.")
        return name

    def validate_unique(self) -> None:
        try:
            self.instance.validate_unique()
        except forms.ValidationError:
            self.add_error("name", "There is already a room with this name.")


class ChoiceForm(forms.Form):
    first = ModelChoiceField(queryset=None, label="Your first choice", empty_label=None)
    second = ModelChoiceField(
        queryset=None, required=False, label="Your second choice", empty_label="No second choice"
    )

    def __init__(self, *args: Any, rooms: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first", "second"):
            self.fields[name].queryset = rooms  # type: ignore[attr-defined]

    def ranked(self) -> list[int]:
        ranked = [self.cleaned_data["first"].pk]
        second = self.cleaned_data.get("second")
        if second and second.pk not in ranked:
            ranked.append(second.pk)
        return ranked


class RoundForm(forms.ModelForm[MatchingRound]):
    class Meta:
        model = MatchingRound
        fields = [
            "name",
            "description",
            "signup_opens_on",
            "signup_closes_on",
            "starts_on",
            "ends_on",
            "min_size",
            "max_size",
            "meets",
            "check_in_every_weeks",
        ]
        labels = {
            "name": "Name of the round",
            "description": "What members should know",
            "signup_opens_on": "Sign-up opens on",
            "signup_closes_on": "Sign-up closes on",
            "starts_on": "Circles start meeting on",
            "ends_on": "The round ends on",
            "min_size": "Smallest circle",
            "max_size": "Largest circle",
            "meets": "How often circles meet",
            "check_in_every_weeks": "Ask members to check in every",
        }
        help_texts = {
            "name": "For example “Spring 2027 circles”.",
            "description": "Shown on the sign-up page. Optional.",
            "starts_on": "Meeting times are worked out for this week, so daylight saving "
            "changes later in the round can shift them by an hour.",
            "min_size": "Number of people, at least 2.",
            "max_size": "Number of people, at most 12.",
            "check_in_every_weeks": "Weeks. A one-minute question about how the circle is going.",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "signup_opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "signup_closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "meets": forms.RadioSelect,
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        low, high = cleaned.get("min_size"), cleaned.get("max_size")
        if low is not None and low < 2:
            self.add_error("min_size", "A circle needs at least 2 people.")
        if high is not None and high > 12:
            self.add_error("max_size", "Circles of more than 12 people don't work as circles.")
        if low is not None and high is not None and low > high:
            self.add_error("max_size", "The largest circle can't be smaller than the smallest.")
        opens, closes = cleaned.get("signup_opens_on"), cleaned.get("signup_closes_on")
        if opens and closes and closes < opens:
            self.add_error("signup_closes_on", "Sign-up can't close before it opens.")
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends <= starts:
            self.add_error("ends_on", "The round must end after circles start meeting.")
        weeks = cleaned.get("check_in_every_weeks")
        if weeks is not None and not 1 <= weeks <= 26:
            self.add_error("check_in_every_weeks", "Choose between 1 and 26 weeks.")
        return cleaned


def _people_named(text: str, *, member: Any) -> tuple[list[User], list[str]]:
    """Members matching each line of ``text`` (a name as shown, or an e-mail address)."""
    found: list[User] = []
    problems: list[str] = []
    for line in [line.strip() for line in text.splitlines() if line.strip()]:
        people = list(people_named(name=line, excluding=member)[:2])
        if not people:
            problems.append(f"No member is called “{line}”. Check the spelling.")
        elif len(people) > 1:
            problems.append(
                f"More than one member is called “{line}”. Add the number at the end of their "
                f"profile's address, like “{line} #123”."
            )
        else:
            found.append(people[0])
    return found, problems


class PreferencesForm(forms.Form):
    profession_preference = forms.ChoiceField(
        choices=ProfessionPreference.choices,
        widget=forms.RadioSelect,
        label="Who would you like in your circle?",
        initial=ProfessionPreference.MIXED,
    )
    avoid_keep = checkboxes(
        "People you won't be placed with", "Untick someone to take them off your list."
    )
    avoid_add = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "off", "spellcheck": "false"}),
        label="Add people you must not be in a circle with",
        help_text="Optional. One name per line, as the site shows it. A supervisor, say, or "
        "anyone else. Nobody else ever sees this list, not even the organizers.",
    )

    def __init__(self, *args: Any, member: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.member = member
        preferences = preferences_of(member=member)
        avoided = preferences.avoid.all() if preferences else User.objects.none()
        self.fields["avoid_keep"].queryset = avoided  # type: ignore[attr-defined]
        self.fields["avoid_keep"].label_from_instance = lambda person: person.display_name  # type: ignore[attr-defined]
        if not avoided:
            del self.fields["avoid_keep"]
        if preferences and not self.is_bound:
            self.initial.setdefault("profession_preference", preferences.profession_preference)
            self.initial.setdefault("avoid_keep", list(avoided))

    def clean_avoid_add(self) -> list[User]:
        found, problems = _people_named(self.cleaned_data["avoid_add"], member=self.member)
        if problems:
            raise forms.ValidationError(problems)
        return found

    def avoid(self) -> list[User]:
        kept = list(self.cleaned_data.get("avoid_keep") or [])
        return kept + [person for person in self.cleaned_data["avoid_add"] if person not in kept]


class EntryForm(PreferencesForm):
    """Opting in to a round: the inputs the engine uses, pre-filled from the profile."""

    topics_offered = checkboxes("Topics you can share experience about")
    topics_sought = checkboxes("Topics you'd like to learn about")
    modes = checkboxes("Ways you can take part", "Leave all unticked if any way works for you.")
    time_zone = forms.ChoiceField(choices=time_zone_choices, label="Your time zone")

    # As the page shows them, so the error summary lists problems in the same order.
    field_order = [
        "topics_offered",
        "topics_sought",
        "time_zone",
        *[f"availability_{day}" for day in range(7)],
        "modes",
        "profession_preference",
        "avoid_keep",
        "avoid_add",
    ]

    def __init__(
        self, *args: Any, member: Any, entry: RoundEntry | None, profile: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, member=member, **kwargs)
        for name, kind in [
            ("topics_offered", TermKind.TOPIC),
            ("topics_sought", TermKind.TOPIC),
            ("modes", TermKind.MODE),
        ]:
            self.fields[name].queryset = terms_active(kind=kind)  # type: ignore[attr-defined]
        source = entry or profile
        hours = (source.availability if source else None) or []
        self.fields.update(availability_fields(hours))
        self.order_fields(self.field_order)
        if source is not None and not self.is_bound:
            self.initial.update(
                {
                    "topics_offered": list(source.topics_offered.all()),
                    "topics_sought": list(source.topics_sought.all()),
                    "modes": list(source.modes.all()),
                    "time_zone": source.time_zone,
                }
            )

    def availability_fields(self) -> list[BoundField]:
        return [self[f"availability_{day}"] for day in range(7)]

    def choices(self) -> EntryChoices:
        data = self.cleaned_data
        return EntryChoices(
            topics_offered=list(data["topics_offered"]),
            topics_sought=list(data["topics_sought"]),
            modes=list(data["modes"]),
            availability=hours_from_parts(
                {day: data.get(f"availability_{day}") or [] for day in range(7)}
            ),
            time_zone=data["time_zone"],
            profession_preference=data["profession_preference"],
            avoid=self.avoid(),
        )


class MoveForm(forms.Form):
    member = ModelChoiceField(queryset=None, widget=forms.HiddenInput)
    to = ModelChoiceField(queryset=None, required=False, empty_label="Out of every circle")

    def __init__(self, *args: Any, round: MatchingRound, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = User.objects.filter(round_entries__round=round)  # type: ignore[attr-defined]
        self.fields["to"].queryset = Circle.objects.filter(round=round)  # type: ignore[attr-defined]


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
