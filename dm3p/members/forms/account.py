from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from dm3p.members.hooks import DELETION_CHOICES

# Needed to send an application; a draft needs only a name and an e-mail address.


class DeleteAccountForm(forms.Form):
    confirm_email = forms.CharField(
        label="Type your e-mail address to confirm",
        help_text="This can't be undone.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email
        # What later apps ask about what the person leaves for others (their posts).
        for choice in DELETION_CHOICES:
            self.fields[choice.key] = forms.ChoiceField(
                label=choice.question,
                help_text=choice.hint,
                choices=choice.choices,
                initial=choice.default,
                widget=forms.RadioSelect,
                # Left unanswered, the default (already chosen on the page) stands.
                required=False,
            )
        # The address to type comes last, next to the button.
        self.order_fields([*(choice.key for choice in DELETION_CHOICES), "confirm_email"])

    def deletion_answers(self) -> dict[str, str]:
        return {
            choice.key: self.cleaned_data[choice.key] or choice.default
            for choice in DELETION_CHOICES
        }

    def clean_confirm_email(self) -> str:
        typed: str = self.cleaned_data["confirm_email"].strip()
        if typed.lower() != self.email.lower():
            raise ValidationError("That is not the e-mail address of this account.")
        return typed
