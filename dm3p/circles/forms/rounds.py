from typing import Any

from django import forms
from django.forms import BoundField
from django.forms.utils import ErrorDict

from dm3p.accounts.models import User
from dm3p.circles.enums import ProfessionPreference
from dm3p.circles.models import MatchingRound, RoundEntry
from dm3p.circles.selectors.rounds import people_findable_by, people_listed, preferences_of
from dm3p.circles.services.rounds import EntryAnswers, PreferencesAnswers, RoundAnswers
from dm3p.core.fields import ModelMultipleChoiceField, checkboxes
from dm3p.core.forms import answers_from
from dm3p.members.availability import hours_from_parts
from dm3p.members.enums import TermKind
from dm3p.members.forms import TimeZoneField, availability_fields
from dm3p.members.selectors import terms_active


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

    def answers(self) -> RoundAnswers:
        return answers_from(self, RoundAnswers)


FIND, KEEP = "find-avoid", "keep-avoid"  # the steps of choosing people to keep apart from
MOST_FOUND = 20


def _people_field(label: str, help_text: str = "") -> ModelMultipleChoiceField:
    field = checkboxes(label, help_text)
    field.error_messages["invalid_choice"] = "Choose people from the list found."
    field.error_messages["invalid_pk_value"] = "Choose people from the list found."
    return field


def _ids(values: list[str]) -> list[int]:
    return [int(value) for value in values if value.isdigit() and len(value) < 19]


class PreferencesForm(forms.Form):
    """Standing wishes for circles. People to keep apart from are chosen in steps that
    work without JavaScript: type part of a name and Find (``FIND``), tick people among
    those found and Add them to the list (``KEEP``); saving the form keeps the list. Only
    people the member could find in the directory are ever found."""

    profession_preference = forms.ChoiceField(
        choices=ProfessionPreference.choices,
        widget=forms.RadioSelect,
        label="Who would you like in your circle?",
        initial=ProfessionPreference.MIXED,
    )
    avoid_keep = _people_field(
        "People you won't be placed with", "Untick someone to take them off your list."
    )
    avoid_search = forms.CharField(
        required=False,
        max_length=100,
        label="Find someone by name",
        help_text="Type part of their name as the site shows it, then choose “Find people”. "
        "A supervisor, say, or anyone else. Nobody else ever sees your list, not even the "
        "organizers.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    avoid_add = _people_field("People found", "Tick the people to keep apart from you.")

    def __init__(
        self, data: Any = None, *args: Any, member: Any, step: str = "", **kwargs: Any
    ) -> None:
        if data is not None and step == KEEP:
            data = data.copy()
            data.setlist("avoid_keep", data.getlist("avoid_keep") + data.getlist("avoid_add"))
            data.setlist("avoid_add", [])
            data["avoid_search"] = ""
        super().__init__(data, *args, **kwargs)
        self.member = member
        self.step = step if data is not None and step in {FIND, KEEP} else ""
        preferences = preferences_of(member=member)
        avoided = list(preferences.avoid.all()) if preferences else []
        findable = people_findable_by(viewer=member)
        posted_keep = _ids(data.getlist("avoid_keep")) if data is not None else []
        posted_add = _ids(data.getlist("avoid_add")) if data is not None else []
        self.search = " ".join(str(self.data.get("avoid_search", "")).split())[:100]
        keep = self.fields["avoid_keep"]
        keep.queryset = people_listed(  # type: ignore[attr-defined]
            User.objects.filter(pk__in=[person.pk for person in avoided])
            | findable.filter(pk__in=posted_keep)
        )
        keep.label_from_instance = _name  # type: ignore[attr-defined]
        if not avoided and not posted_keep:
            del self.fields["avoid_keep"]
        found = findable.filter(pk__in=posted_add)
        if self.step == FIND and len(self.search) >= 2:
            found = found | findable.filter(profile__display_name__icontains=self.search)
        found = people_listed(found.exclude(pk__in=posted_keep))[:MOST_FOUND]
        self.found = list(found)
        add = self.fields["avoid_add"]
        add.queryset = people_listed(  # type: ignore[attr-defined]
            User.objects.filter(pk__in=[person.pk for person in self.found])
        )
        names = [person.display_name.casefold() for person in self.found]
        add.label_from_instance = lambda person: (  # type: ignore[attr-defined]
            f"{person.display_name} (profile number {person.pk})"
            if names.count(person.display_name.casefold()) > 1
            else person.display_name
        )
        if self.search and self.step == FIND:
            add.label = f"People whose name has “{self.search}” in it"
        if not self.found:
            del self.fields["avoid_add"]
        if preferences and not self.is_bound:
            self.initial.setdefault("profession_preference", preferences.profession_preference)
            self.initial.setdefault("avoid_keep", avoided)

    @property
    def more_found(self) -> bool:
        return len(self.found) >= MOST_FOUND

    def clean_avoid_search(self) -> str:
        if self.step != FIND:
            return self.search
        if len(self.search) < 2:
            raise forms.ValidationError("Type at least two letters of their name.")
        if not self.found:
            raise forms.ValidationError(
                f"Nobody in the directory has “{self.search}” in their name. Check the "
                "spelling, or type less of the name."
            )
        return self.search

    def step_shown(self) -> None:
        """A find or add step: the form as filled in, with no errors but the search's
        (nothing is saved, so nothing else is wrong yet)."""
        self._errors = ErrorDict(
            {name: errors for name, errors in self.errors.items() if name == "avoid_search"}
        )

    def preferences(self) -> PreferencesAnswers:
        kept = list(self.cleaned_data.get("avoid_keep") or [])
        added = [
            person for person in self.cleaned_data.get("avoid_add") or [] if person not in kept
        ]
        return PreferencesAnswers(
            profession_preference=self.cleaned_data["profession_preference"], avoid=kept + added
        )


def _name(person: User) -> str:
    return person.display_name


class EntryForm(PreferencesForm):
    """Opting in to a round: the inputs the engine uses, pre-filled from the profile."""

    topics_offered = checkboxes("Topics you can share experience about")
    topics_sought = checkboxes("Topics you'd like to learn about")
    modes = checkboxes("Ways you can take part", "Leave all unticked if any way works for you.")
    time_zone = TimeZoneField(
        label="Your time zone",
        help_text="The hours below are in this zone. Type your city or the nearest big city, "
        "such as “Chicago” or “Eastern Time”, or choose from the suggestions.",
    )

    # As the page shows them, so the error summary lists problems in the same order.
    field_order = [
        "topics_offered",
        "topics_sought",
        "time_zone",
        *[f"availability_{day}" for day in range(7)],
        "modes",
        "profession_preference",
        "avoid_keep",
        "avoid_search",
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

    def answers(self) -> EntryAnswers:
        data = self.cleaned_data
        return EntryAnswers(
            topics_offered=list(data["topics_offered"]),
            topics_sought=list(data["topics_sought"]),
            modes=list(data["modes"]),
            availability=hours_from_parts(
                {day: data.get(f"availability_{day}") or [] for day in range(7)}
            ),
            time_zone=data["time_zone"],
            preferences=self.preferences(),
        )
