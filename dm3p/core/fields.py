"""Form fields and URL converters that refuse ids a database integer can't hold, so a
mangled or hostile id gets a clear "not found" or form error instead of a server error."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404

LARGEST_ID = 2**63 - 1


def _id_in_range(value: object) -> bool:
    text = str(value).strip()
    return text.isdigit() and int(text) <= LARGEST_ID


class ModelChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and not _id_in_range(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def _check_values(self, value: Any) -> Any:
        for item in value if isinstance(value, list | tuple) else [value]:
            if not _id_in_range(item):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super()._check_values(value)  # type: ignore[misc]


class IdConverter:
    """Like Django's ``int`` converter, but only for numbers a database id can be."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


def checkboxes(label: str, help_text: str = "") -> ModelMultipleChoiceField:
    """An optional choice of many, as a list of checkboxes; the form sets the queryset."""
    return ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=label,
        help_text=help_text,
    )


def found_or_404[T](found: T | None) -> T:
    """What a selector found for the viewer; nothing (absent, or not theirs to see) is not
    found, as for any address that names nothing."""
    if found is None:
        raise Http404
    return found


def id_or_404(value: object) -> int:
    """An object's id as posted by a button (``<input name="note" value="12">``); anything
    else, as for an address that names no object, is not found."""
    if not _id_in_range(value):
        raise Http404
    return int(str(value))
