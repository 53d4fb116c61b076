from typing import Any

from django import forms
from django.core.exceptions import ValidationError

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

    def clean_confirm_email(self) -> str:
        typed: str = self.cleaned_data["confirm_email"].strip()
        if typed.lower() != self.email.lower():
            raise ValidationError("That is not the e-mail address of this account.")
        return typed
