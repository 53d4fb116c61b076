"""A gathering's agenda and speakers: rows of forms on the gathering's own form, each
removable, with "add another" that works without JavaScript."""

from typing import Any

from django import forms

from dm3p.core.images import ImageUploadField, image_upload_check, image_without_metadata
from dm3p.events.enums import (
    SegmentKind,
)
from dm3p.events.models import AgendaSegment, Event, Speaker
from dm3p.events.services import (
    SegmentRow,
    SpeakerRow,
)


class SegmentForm(forms.ModelForm[AgendaSegment]):
    class Meta:
        model = AgendaSegment
        fields = ["kind", "title", "minutes", "order"]
        labels = {
            "kind": "Part",
            "title": "Title (optional)",
            "minutes": "Minutes",
            "order": "Position",
        }
        help_texts = {"order": "Parts with lower numbers come first."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        if isinstance(kind, forms.ChoiceField):
            kind.choices = [("", "Choose a part"), *SegmentKind.choices]


class SpeakerForm(forms.ModelForm[Speaker]):
    class Meta:
        model = Speaker
        fields = ["name", "bio", "photo", "photo_alt_text"]
        field_classes = {"photo": ImageUploadField}
        labels = {
            "name": "Speaker's name",
            "bio": "About the speaker",
            "photo": "Photo",
            "photo_alt_text": "Describe the photo",
        }
        help_texts = {
            "photo": "PNG, JPEG, GIF or WebP, up to 5 MB.",
            "photo_alt_text": "Needed with a photo, for people who can't see it.",
        }
        widgets = {"bio": forms.Textarea(attrs={"rows": 3})}

    def clean_photo(self) -> Any:
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "image"):
            image_upload_check(photo)
            return image_without_metadata(photo)
        return photo

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("photo") and not (cleaned.get("photo_alt_text") or "").strip():
            self.add_error("photo_alt_text", "Describe the photo, or remove it.")
        return cleaned


def _answered(formset: forms.BaseInlineFormSet[Any, Any, Any]) -> list[dict[str, Any]]:
    """The cleaned answers of each form someone filled in or changed (a blank extra form
    is no answer), each with the ``id`` it changes and whether to ``remove`` it."""
    answered = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or (form.instance.pk is None and not form.has_changed()):
            continue
        answered.append(
            {
                **data,
                "id": form.instance.pk,
                "remove": bool(formset.can_delete and data.get("DELETE")),
            }
        )
    return answered


def segment_rows(formset: forms.BaseInlineFormSet[Any, Any, Any]) -> list[SegmentRow]:
    return [
        SegmentRow(
            id=data["id"],
            kind=SegmentKind(data["kind"]) if data.get("kind") else SegmentKind.CUSTOM,
            title=data.get("title", ""),
            minutes=data.get("minutes") or 0,
            order=data.get("order") or 0,
            remove=data["remove"],
        )
        for data in _answered(formset)
    ]


def speaker_rows(formset: forms.BaseInlineFormSet[Any, Any, Any]) -> list[SpeakerRow]:
    return [
        SpeakerRow(
            id=data["id"],
            name=data.get("name", ""),
            bio=data.get("bio", ""),
            photo=data.get("photo") or None,
            photo_alt_text=data.get("photo_alt_text", ""),
            remove=data["remove"],
        )
        for data in _answered(formset)
    ]


class RowsFormSet(forms.BaseInlineFormSet[Any, Event, Any]):
    """Rows of a gathering (agenda items, speakers), each with a "Remove" box worded for
    what it removes."""

    remove_label = "Remove this row"

    def add_fields(self, form: forms.BaseForm, index: int | None) -> None:
        super().add_fields(form, index)
        if forms.formsets.DELETION_FIELD_NAME in form.fields:
            form.fields[forms.formsets.DELETION_FIELD_NAME].label = self.remove_label


class SegmentRowsFormSet(RowsFormSet):
    remove_label = "Remove this agenda item when saving"


class SpeakerRowsFormSet(RowsFormSet):
    remove_label = "Remove this speaker when saving"


SegmentFormSet = forms.inlineformset_factory(
    Event, AgendaSegment, form=SegmentForm, formset=SegmentRowsFormSet, extra=1, can_delete=True
)
SpeakerFormSet = forms.inlineformset_factory(
    Event, Speaker, form=SpeakerForm, formset=SpeakerRowsFormSet, extra=1, can_delete=True
)


def errors_shown_only_for(form: forms.BaseForm, names: tuple[str, ...]) -> None:
    """Check ``form`` (so its answers are known) but show only the errors of the questions
    ``names``: for a step that saves nothing, such as "Check the time"."""
    for name in list(form.errors):
        if name not in names:
            del form.errors[name]


def formset_errors_hidden(formset: forms.BaseFormSet[Any]) -> None:
    """Keep what was typed in every row but show no errors (adding a row saves nothing)."""
    formset.is_valid()
    for form in formset.forms:
        form.errors.clear()
    formset.non_form_errors().clear()
