from typing import Any

from django import forms

from dm3p.core.fields import ModelChoiceField
from dm3p.core.time_zones import TimeZoneField
from dm3p.members.enums import (
    TermKind,
)
from dm3p.members.models import Term
from dm3p.members.selectors import DirectoryFilters, terms_active


class DirectoryForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=200,
        label="Search members",
        help_text="A name, profession, specialty, topic, place, or a kind of disability or "
        "illness. You find only what each member lets you see.",
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )
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
    time_zone = TimeZoneField(
        required=False,
        label="Time zone",
        help_text="A city or zone, such as “Chicago” or “Eastern Time”.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = terms_active(kind=TermKind.TOPIC)  # type: ignore[attr-defined]
        self.fields["profession"].queryset = terms_active(kind=TermKind.PROFESSION)  # type: ignore[attr-defined]
        self.fields["stage"].queryset = terms_active(kind=TermKind.STAGE)  # type: ignore[attr-defined]
        self.fields["condition"].queryset = terms_active(kind=TermKind.CONDITION)  # type: ignore[attr-defined]

    def filters(self) -> DirectoryFilters:
        data = self.cleaned_data
        return DirectoryFilters(
            text=data["q"].strip(),
            name=data["name"].strip(),
            profession=data["profession"],
            stage=data["stage"],
            specialty=data["specialty"].strip(),
            region=data["region"].strip(),
            topic=data["topic"],
            condition=data["condition"],
            time_zone=data["time_zone"],
        )

    # The filters that fold away under "More ways to search"; the search box stays out.
    FOLDED = (
        "name",
        "profession",
        "specialty",
        "stage",
        "topic",
        "condition",
        "region",
        "time_zone",
    )

    def folded_fields(self) -> list[Any]:
        return [self[name] for name in self.FOLDED]

    def folded_in_use(self) -> bool:
        return any(self.data.get(name) for name in self.FOLDED)
