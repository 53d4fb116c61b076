from typing import Any

from django import forms

from dm3p.accommodations.enums import RequestStatus
from dm3p.accommodations.models import AccommodationRequest, AccommodationType
from dm3p.core.fields import ModelChoiceField, ModelMultipleChoiceField


class NeedsForm(forms.Form):
    """Choose kinds of support, with details where a kind needs them."""

    kinds = ModelMultipleChoiceField(
        queryset=AccommodationType.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="What would help you take part?",
    )
    details = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Anything we should know to arrange it",
        help_text="For example which sign language, or what “other” means for you. Only "
        "accommodations coordinators read this.",
    )

    def __init__(self, *args: Any, kinds: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kinds"].queryset = kinds  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        needing = [kind.label for kind in cleaned.get("kinds") or [] if kind.needs_details]
        if needing and not cleaned.get("details", "").strip():
            self.add_error("details", f"Tell us what you need for: {', '.join(needing)}.")
        return cleaned

    def details_by_kind(self) -> dict[int, str]:
        text = self.cleaned_data.get("details", "")
        return {kind.pk: text for kind in self.cleaned_data.get("kinds") or []}


class RequestUpdateForm(forms.ModelForm[AccommodationRequest]):
    class Meta:
        model = AccommodationRequest
        fields = ["status", "owner", "provider_notes", "not_possible_reason"]
        labels = {
            "owner": "Coordinator in charge",
            "provider_notes": "Notes on the provider (e.g. interpreter booked, reference)",
            "not_possible_reason": "Why it is not possible (sent to the member)",
        }
        widgets = {
            "status": forms.RadioSelect,
            "provider_notes": forms.Textarea(attrs={"rows": 3}),
            "not_possible_reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, coordinators: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = ModelChoiceField(
            queryset=coordinators,
            required=False,
            label="Coordinator in charge",
            empty_label="Nobody yet",
        )
        self.fields["owner"] = owner
        self.fields["provider_notes"].required = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            cleaned.get("status") == RequestStatus.NOT_POSSIBLE
            and not (cleaned.get("not_possible_reason") or "").strip()
        ):
            self.add_error(
                "not_possible_reason", "Say why, so the member understands and can plan."
            )
        return cleaned


class RecordRequestForm(NeedsForm):
    """A coordinator records a request that came by e-mail."""

    member_email = forms.EmailField(label="The member's e-mail address")
    event = ModelChoiceField(queryset=None, label="Gathering", empty_label=None)

    field_order = ["member_email", "event", "kinds", "details"]

    def __init__(self, *args: Any, events: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events  # type: ignore[attr-defined]


class KindForm(forms.ModelForm[AccommodationType]):
    class Meta:
        model = AccommodationType
        fields = [
            "label",
            "description",
            "lead_days",
            "provided_by_default",
            "needs_details",
            "sends_materials",
            "interpreter_in_breakouts",
            "order",
            "is_active",
        ]
        labels = {
            "label": "Name",
            "description": "What it means, in plain words",
            "lead_days": "Days of notice needed",
            "provided_by_default": "Provided at every gathering without asking",
            "needs_details": "Ask the member to describe what they need",
            "sends_materials": "Send the gathering's materials to those who ask",
            "interpreter_in_breakouts": "Those who ask need a breakout room with an interpreter",
            "order": "Position in the list",
            "is_active": "Offered",
        }
        help_texts = {
            "lead_days": "Requests after this are still taken, as best effort. "
            "Sign language interpreters usually need 14 days."
        }
        error_messages = {"label": {"unique": "There is already a kind with this name."}}
