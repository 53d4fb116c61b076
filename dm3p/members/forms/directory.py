from typing import Any

from django import forms

from dm3p.core.fields import ModelChoiceField
from dm3p.members.enums import (
    TermKind,
)
from dm3p.members.forms.profiles import time_zone_choices
from dm3p.members.models import Term
from dm3p.members.selectors import DirectoryFilters, terms_active

# Needed to send an application; a draft needs only a name and an e-mail address.


class DirectoryForm(forms.Form):
    name = forms.CharField(required=False, max_length=100, label="Name")
    topic = ModelChoiceField(
        queryset=Term.objects.none(),
        required=False,
        label="Can share experience about",
        empty_label="Any topic",
    )
    profession = ModelChoiceField(
        queryset=Term.objects.none(),
        required=False,
        label="Profession",
        empty_label="Any profession",
    )
    stage = ModelChoiceField(
        queryset=Term.objects.none(), required=False, label="Stage", empty_label="Any stage"
    )
    condition = ModelChoiceField(
        queryset=Term.objects.none(),
        required=False,
        label="Lives with (shown only where members chose to share it)",
        empty_label="Any",
    )
    specialty = forms.CharField(required=False, max_length=100, label="Specialty")
    region = forms.CharField(required=False, max_length=100, label="City or region")
    time_zone = forms.ChoiceField(
        choices=[("", "Any time zone")], required=False, label="Time zone"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = terms_active(kind=TermKind.TOPIC)  # type: ignore[attr-defined]
        self.fields["profession"].queryset = terms_active(kind=TermKind.PROFESSION)  # type: ignore[attr-defined]
        self.fields["stage"].queryset = terms_active(kind=TermKind.STAGE)  # type: ignore[attr-defined]
        self.fields["condition"].queryset = terms_active(kind=TermKind.CONDITION)  # type: ignore[attr-defined]
        self.fields["time_zone"].choices = [("", "Any time zone"), *time_zone_choices()]  # type: ignore[attr-defined]

    def filters(self) -> DirectoryFilters:
        data = self.cleaned_data
        return DirectoryFilters(
            name=data["name"].strip(),
            profession=data["profession"],
            stage=data["stage"],
            specialty=data["specialty"].strip(),
            region=data["region"].strip(),
            topic=data["topic"],
            condition=data["condition"],
            time_zone=data["time_zone"],
        )
