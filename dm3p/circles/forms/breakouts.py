from typing import Any

from django import forms

from dm3p.circles.models import BreakoutRoom
from dm3p.circles.services.breakouts import RoomAnswers
from dm3p.core.fields import ModelChoiceField
from dm3p.core.forms import answers_from
from dm3p.core.spreadsheets import starts_like_formula


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

    def answers(self) -> RoomAnswers:
        return answers_from(self, RoomAnswers)


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
