"""The forms behind organizers' changes to a draft: people ticked anywhere on the draft,
then one of "Move to", "Start a new circle", "Swap"; and a circle's lock button. Each
says what is wrong in words for the person (``problem``), shown as a message on the draft."""

from typing import Any

from django import forms

from dm3p.accounts.models import User
from dm3p.circles.models import CIRCLE_NAME_MAX, Circle, MatchingRound
from dm3p.core.fields import ModelChoiceField, ModelMultipleChoiceField

OUT = "out"  # "Move to": out of every circle
NOT_IN_ROUND = (
    "Someone ticked is no longer in this round (the draft may have changed). "
    "Look at the draft again and tick people from it."
)


class _DraftForm(forms.Form):
    def problem(self) -> str:
        """The first thing wrong, as one message."""
        return next(iter(str(message) for errors in self.errors.values() for message in errors), "")


class PeopleForm(_DraftForm):
    people = ModelMultipleChoiceField(
        queryset=None,
        error_messages={
            "required": "Tick at least one person first.",
            "invalid_choice": NOT_IN_ROUND,
            "invalid_pk_value": NOT_IN_ROUND,
        },
    )

    def __init__(self, *args: Any, round: MatchingRound, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.round = round
        self.fields["people"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            round_entries__round=round
        ).select_related("profile")

    def chosen(self) -> list[User]:
        return sorted(self.cleaned_data["people"], key=lambda person: person.display_name)


class MoveForm(PeopleForm):
    to = forms.CharField(
        error_messages={"required": "Choose where to move the ticked people."}, max_length=20
    )

    def clean_to(self) -> Circle | None:
        value = self.cleaned_data["to"]
        if value == OUT:
            return None
        found = None
        if value.isdigit() and len(value) < 19:
            found = Circle.objects.filter(round=self.round, pk=int(value)).first()
        if found is None:
            raise forms.ValidationError(
                "That circle is no longer in the draft. Choose a circle from the list."
            )
        return found


class SwapForm(PeopleForm):
    def clean_people(self) -> Any:
        people = self.cleaned_data["people"]
        if len(people) != 2:
            raise forms.ValidationError(
                f"Tick exactly two people to swap: you ticked {len(people)}."
            )
        return people


class NewCircleForm(PeopleForm):
    name = forms.CharField(
        required=False,
        max_length=CIRCLE_NAME_MAX,
        error_messages={
            "max_length": f"Keep the circle's name to {CIRCLE_NAME_MAX} characters or fewer."
        },
    )


class LockForm(_DraftForm):
    circle = ModelChoiceField(
        queryset=None,
        error_messages={
            "required": "Choose a circle to lock.",
            "invalid_choice": "That circle is no longer in the draft.",
        },
    )
    locked = forms.TypedChoiceField(
        choices=[("yes", "Lock"), ("no", "Unlock")],
        coerce=lambda value: value == "yes",
        error_messages={
            "required": "Choose to lock or unlock the circle.",
            "invalid_choice": "Choose to lock or unlock the circle.",
        },
    )

    def __init__(self, *args: Any, round: MatchingRound, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["circle"].queryset = Circle.objects.filter(round=round)  # type: ignore[attr-defined]
