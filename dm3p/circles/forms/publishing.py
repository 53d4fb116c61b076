"""Choosing a change to a published round's circles: whom to move (or add) and to which
circle. The choice is checked, then confirmed on the same page before anyone is told."""

from typing import Any

from django import forms

from dm3p.accounts.models import User
from dm3p.circles.models import Circle, MatchingRound
from dm3p.circles.selectors.publishing import PersonWhere, people_of_published
from dm3p.circles.selectors.rounds import avoid_pair_between
from dm3p.core.fields import ModelChoiceField


class PublishedMoveForm(forms.Form):
    member = ModelChoiceField(
        queryset=User.objects.none(),
        label="Who",
        help_text="Everyone who joined the round, with the circle they are in now.",
    )
    to = ModelChoiceField(queryset=Circle.objects.none(), label="Their new circle")

    def __init__(self, *args: Any, round: MatchingRound, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.round = round
        self.people = people_of_published(round=round)
        self.where = {person.member.pk: person for person in self.people}
        member = self.fields["member"]
        member.queryset = User.objects.filter(pk__in=list(self.where))  # type: ignore[attr-defined]
        member.choices = [  # type: ignore[attr-defined]
            ("", "Choose someone"),
            *((person.member.pk, self._label(person)) for person in self.people),
        ]
        member.error_messages["invalid_choice"] = "Choose someone from the list."
        member.error_messages["required"] = "Choose who to move or add."
        to = self.fields["to"]
        to.queryset = Circle.objects.filter(round=round)  # type: ignore[attr-defined]
        to.empty_label = "Choose a circle"  # type: ignore[attr-defined]
        to.error_messages["invalid_choice"] = "Choose a circle from the list."
        to.error_messages["required"] = "Choose the circle they should be in."

    @staticmethod
    def _label(person: PersonWhere) -> str:
        return f"{person.name} ({person.circle or 'not placed'})"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        person, to = cleaned.get("member"), cleaned.get("to")
        if person is None or to is None:
            return cleaned
        now = self.where[person.pk].circle
        if now is not None and now.pk == to.pk:
            self.add_error("to", f"{person.display_name} is already in {to}. Choose another.")
            return cleaned
        mates = {
            pk for pk, where in self.where.items() if where.circle and where.circle.pk == to.pk
        }
        if avoid_pair_between(member_id=person.pk, others=mates - {person.pk}):
            self.add_error(
                "to",
                f"A constraint applies: {person.display_name} can't join {to}. "
                "Choose another circle.",
            )
        return cleaned

    def now_in(self) -> Circle | None:
        return self.where[self.cleaned_data["member"].pk].circle

    def people_in(self, circle: Circle | None) -> list[str]:
        """The names of the others in ``circle`` (who would be told), not the one moving."""
        if circle is None:
            return []
        moving = self.cleaned_data["member"].pk
        return [
            where.name
            for pk, where in self.where.items()
            if where.circle and where.circle.pk == circle.pk and pk != moving
        ]
