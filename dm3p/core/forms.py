from dataclasses import fields
from typing import TYPE_CHECKING, Any

from django import forms
from django.forms.renderers import TemplatesSetting

from dm3p.core.enums import Font, Motion, TextSize, Theme
from dm3p.core.hooks import DeclaredEmail
from dm3p.core.models import SiteSettings
from dm3p.core.services import SiteSettingsAnswers, email_wording_problems
from dm3p.core.time_zones import TimeZoneField

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


def answers_from[Answers: "DataclassInstance"](
    form: forms.BaseForm, kind: type[Answers]
) -> Answers:
    """A valid form's answers as the typed, frozen dataclass its service takes: one field
    of ``kind`` per form field of the same name."""
    return kind(**{answer.name: form.cleaned_data[answer.name] for answer in fields(kind)})


class SiteFormRenderer(TemplatesSetting):
    """Every form renders with the house pattern: label, hint, error next to the field."""

    form_template_name = "components/form_fields.html"
    field_template_name = "components/field.html"


class DisplayPreferencesForm(forms.Form):
    theme = forms.ChoiceField(
        choices=Theme,
        widget=forms.RadioSelect,
        label="Colours",
        help_text="“Follow my device” uses your system's light, dark or high-contrast setting.",
    )
    text_size = forms.ChoiceField(choices=TextSize, widget=forms.RadioSelect, label="Text size")
    font = forms.ChoiceField(choices=Font, widget=forms.RadioSelect, label="Font")
    motion = forms.ChoiceField(
        choices=Motion,
        widget=forms.RadioSelect,
        label="Motion",
        help_text="Reducing motion turns off animations and smooth scrolling.",
    )


class SiteSettingsForm(forms.ModelForm[SiteSettings]):
    time_zone = TimeZoneField(
        label="The program's time zone",
        help_text="New gatherings start in this zone unless the organizer lives elsewhere, "
        "and visitors see times in it. Type a city, such as “Chicago” or “Eastern Time”, "
        "or choose from the suggestions.",
        error_messages={"required": "Enter the program's time zone, e.g. “Eastern Time”."},
    )

    class Meta:
        model = SiteSettings
        fields = ["name", "long_name", "tagline", "contact_email", "time_zone", "hold_first_posts"]
        labels = {
            "name": "Short name",
            "long_name": "Full name",
            "hold_first_posts": "Hold each new member's first post for review",
        }
        help_texts = {
            "name": "Shown in the header and in every page title, e.g. “DM3P”.",
            "contact_email": "Where people can write to the organizers. Shown in the footer.",
            "hold_first_posts": "An organizer reads a new member's first post in a space "
            "before others see it. Posts in circles and direct conversations are never held.",
        }
        widgets = {"contact_email": forms.EmailInput(attrs={"autocomplete": "email"})}
        error_messages = {
            "name": {"required": "Enter a short name for the site."},
            "long_name": {"required": "Enter the program's full name."},
            "contact_email": {"required": "Enter the address where people can reach you."},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tagline"].widget = forms.Textarea(attrs={"rows": 3})

    def answers(self) -> SiteSettingsAnswers:
        return answers_from(self, SiteSettingsAnswers)


class EmailWordingForm(forms.Form):
    subject = forms.CharField(max_length=200, label="Subject line")
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 14}), label="Message")

    def __init__(self, *args: Any, email: DeclaredEmail, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email
        names = ", ".join("{" + name + "}" for name in email.allowed)
        self.fields[
            "body"
        ].help_text = (
            f"Plain text; a blank line starts a new paragraph. Placeholders you can use: {names}."
        )

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean() or {}
        if "subject" in cleaned and "body" in cleaned:
            problems = email_wording_problems(
                email=self.email, subject=cleaned["subject"], body=cleaned["body"]
            )
            for field, found in problems.items():
                for problem in found:
                    self.add_error(field, problem)
        return cleaned


class SearchForm(forms.Form):
    """The site's search: words, and which kind of thing to find. Any words are accepted
    (the search reads only their letters and digits), and a kind the viewer can't find
    searches everything."""

    q = forms.CharField(
        required=False,
        label="Search for",
        help_text="One or more words. You find only what you are allowed to see.",
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )
    kind = forms.CharField(required=False, label="Show", widget=forms.RadioSelect)

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].widget.choices = [("", "Everything"), *kinds]
        self.fields["kind"].initial = ""
