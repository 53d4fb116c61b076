from typing import Any

from allauth.account import forms as allauth_forms
from django import forms
from django.contrib.auth import password_validation

from dm3p.core.hooks import EmailKind


class EmailPreferencesForm(forms.Form):
    """One checkbox per kind of e-mail; security e-mails are shown but can't be turned off."""

    def __init__(self, *args: Any, kinds: list[tuple[EmailKind, bool]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kinds = [kind for kind, _ in kinds]
        for kind, receives in kinds:
            self.fields[kind.key] = forms.BooleanField(
                label=kind.label,
                help_text=kind.description,
                required=False,
                initial=receives,
                disabled=kind.security,
            )

    def turned_off(self) -> list[str]:
        return [
            kind.key
            for kind in self.kinds
            if not kind.security and not self.cleaned_data.get(kind.key)
        ]


class PlainFieldsMixin:
    """allauth's forms, without placeholders standing in for labels (they vanish as you
    type and are often too faint to read)."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)


class LoginForm(PlainFieldsMixin, allauth_forms.LoginForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "E-mail address"
        if "remember" in self.fields:
            self.fields["remember"].label = "Keep me signed in on this device for two weeks"
        self.fields["password"].help_text = ""


class ResetPasswordForm(PlainFieldsMixin, allauth_forms.ResetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "E-mail address"
        self.fields["email"].help_text = "The address you sign in with."


class ResetPasswordKeyForm(PlainFieldsMixin, allauth_forms.ResetPasswordKeyForm):
    pass


class ChangePasswordForm(PlainFieldsMixin, allauth_forms.ChangePasswordForm):
    pass


class AddEmailForm(PlainFieldsMixin, allauth_forms.AddEmailForm):
    pass


class WelcomePasswordForm(forms.Form):
    """A new member chooses their first password (from the welcome link)."""

    password1 = forms.CharField(
        label="Choose a password",
        help_text="At least 10 characters. A few words you'll remember make a good one.",
        strip=False,
        error_messages={"required": "Choose a password."},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="Type the same password again",
        strip=False,
        error_messages={"required": "Type your password again, to be sure of it."},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords are different: type them again.")
        elif first:
            try:
                password_validation.validate_password(first, self.user)
            except forms.ValidationError as problems:
                self.add_error("password1", problems)
        return cleaned
