from typing import Any

from django import forms

from dm3p.accounts.models import User
from dm3p.conversations.models.forum import TITLE_MAX

BODY_MAX = 3000


class PersonChoice(forms.ModelMultipleChoiceField[User]):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class PersonOne(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


def _body(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=BODY_MAX,
        error_messages={"required": "Write your message."},
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Kept on the site, where only the people in the conversation read it, and "
        "where it can be reported if it breaks the code of conduct.",
    )


class ContactForm(forms.Form):
    """Writing to one member from their profile."""

    body = _body("Your message")


class DirectNewForm(forms.Form):
    """Starting a conversation with one or more members."""

    people = PersonChoice(
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Who to write to",
        help_text="Choose one person, or several for a group conversation.",
        error_messages={"required": "Choose at least one person."},
    )
    title = forms.CharField(
        required=False,
        max_length=TITLE_MAX,
        label="Subject (optional)",
        help_text="A few words the conversation is listed by. Left empty, it is “Conversation”.",
    )
    body = _body("Your message")

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people  # type: ignore[attr-defined]


class DirectAddForm(forms.Form):
    """Adding someone to a conversation."""

    person = PersonOne(
        queryset=User.objects.none(),
        label="Who to add",
        empty_label="Choose a person",
        error_messages={"required": "Choose who to add."},
    )
    confirm = forms.BooleanField(
        label="I understand they will read the whole conversation so far",
        error_messages={"required": "Tick the box to say you understand."},
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
