from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.db.models import QuerySet

from dm3p.accommodations.enums import RequestStatus
from dm3p.accommodations.models import AccommodationRequest, AccommodationType, StandingNeed
from dm3p.accommodations.services import KindAnswers, NeedAnswer, RequestAnswers
from dm3p.core.fields import ModelChoiceField, ModelMultipleChoiceField
from dm3p.core.forms import answers_from
from dm3p.events.models import Event


class DetailsField(forms.CharField):
    """What a member needs for one kind of support. Needed only when that kind is chosen, so
    the form checks it (``required`` only tells the page not to call it optional)."""

    def validate(self, value: Any) -> None:
        if value not in self.empty_values:
            super().validate(value)


def details_name(kind_id: int) -> str:
    return f"details_{kind_id}"


@dataclass(frozen=True)
class AskBy:
    """When one kind of support should be asked for by, written in the member's zone."""

    id: str
    text: str
    passed: bool


class KindCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes whose each box can be described by its own hint (its "ask by" date)."""

    described: dict[str, str]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.described = {}

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        if (hint := self.described.get(str(value))) is not None:
            option["attrs"] = {**option["attrs"], "aria-describedby": hint}
        return option


class NeedsForm(forms.Form):
    """Choose kinds of support, each with its own details: what a member writes for one kind
    goes to that kind's request only, and comes back in its own box."""

    template_name = "accommodations/_needs_form.html"
    use_required_attribute = False

    kinds = ModelMultipleChoiceField(
        queryset=AccommodationType.objects.none(),
        widget=KindCheckboxes,
        required=False,
        label="What would help you take part?",
        help_text="Tick each kind of support you need, and tell us about it in the box that "
        "comes with it. Only accommodations coordinators read what you write.",
        error_messages={
            "invalid_choice": "Choose from the kinds of support listed.",
            "invalid_pk_value": "Choose from the kinds of support listed.",
        },
    )

    def __init__(
        self,
        data: Any = None,
        *args: Any,
        kinds: QuerySet[AccommodationType],
        asked: Collection[int] = (),
        ask_by: Mapping[int, AskBy] | None = None,
        **kwargs: Any,
    ) -> None:
        if data is not None and asked:
            # Sent twice (the back button): kinds already asked for are with the
            # coordinators, so they are left out rather than refused.
            done = {str(pk) for pk in asked}
            data = data.copy()
            data.setlist("kinds", [pk for pk in data.getlist("kinds") if pk not in done])
        super().__init__(data, *args, **kwargs)
        self.fields["kinds"].queryset = kinds  # type: ignore[attr-defined]
        self.offered = list(kinds)
        self.ask_by = dict(ask_by or {})
        widget = self.fields["kinds"].widget
        if isinstance(widget, KindCheckboxes):
            widget.described = {str(pk): item.id for pk, item in self.ask_by.items()}
        for kind in self.offered:
            self.fields[details_name(kind.pk)] = DetailsField(
                required=kind.needs_details,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
                label=f"Details for {kind.label}",
                help_text=(kind.description or "Tell us what you need.")
                if kind.needs_details
                else "Anything we should know to arrange it.",
            )

    @property
    def details_names(self) -> set[str]:
        return {details_name(kind.pk) for kind in self.offered}

    def kind_rows(self) -> list[tuple[Any, forms.BoundField, AskBy | None]]:
        """Each kind's checkbox with its own details box and its "ask by" date, for the
        page."""
        names = self.details_names
        rows = []
        for choice in self["kinds"].subwidgets:
            pk = choice.data["value"].value
            name = details_name(pk)
            if name in names:  # a kind added since the form was made has no box yet
                rows.append((choice, self[name], self.ask_by.get(pk)))
        return rows

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for kind in cleaned.get("kinds") or []:
            name = details_name(kind.pk)
            if kind.needs_details and not cleaned.get(name) and name not in self.errors:
                self.add_error(name, f"Tell us what you need for {kind.label}.")
        return cleaned

    def answers(self) -> list[NeedAnswer]:
        """Each chosen kind with its details (boxes of kinds not chosen are left out)."""
        return [
            NeedAnswer(kind=kind, details=self.cleaned_data.get(details_name(kind.pk)) or "")
            for kind in self.cleaned_data.get("kinds") or []
        ]


def needs_initial(needs: Iterable[StandingNeed], *, asked: Collection[int] = ()) -> dict[str, Any]:
    """The form as a member's standing needs fill it: each kind ticked, with its details."""
    wanted = [need for need in needs if need.kind_id not in asked]
    return {
        "kinds": [need.kind for need in wanted],
        **{details_name(need.kind_id): need.details or "" for need in wanted},
    }


class RequestUpdateForm(forms.ModelForm[AccommodationRequest]):
    class Meta:
        model = AccommodationRequest
        fields = [
            "status",
            "owner",
            "provider_names",
            "link_sent",
            "provider_notes",
            "not_possible_reason",
        ]
        labels = {
            "owner": "Coordinator in charge",
            "provider_names": "Who provides it",
            "link_sent": "The provider has the meeting link",
            "provider_notes": "Notes on the provider (e.g. interpreter booked, reference)",
            "not_possible_reason": "Why it is not possible (sent to the member)",
        }
        help_texts = {
            "provider_names": "For example the interpreters' or the captioner's names, for "
            "the check list on the day.",
            "link_sent": "Tick once you have sent the Zoom link to the interpreters or captioner.",
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

    def answers(self) -> RequestAnswers:
        data = self.cleaned_data
        return RequestAnswers(
            status=RequestStatus(data["status"]),
            owner=data["owner"],
            provider_notes=data["provider_notes"] or "",
            not_possible_reason=data["not_possible_reason"] or "",
            provider_names=data["provider_names"] or "",
            link_sent=bool(data["link_sent"]),
        )


class GatheringChoiceField(ModelChoiceField):
    """Gatherings by date and title ("Tue 12 Jan 2027 — Monthly gathering"), so a series'
    gatherings with one title can be told apart."""

    def label_from_instance(self, obj: Any) -> str:
        return gathering_label(obj)


def gathering_label(event: Event) -> str:
    local = event.starts_at.astimezone(ZoneInfo(event.time_zone))
    return f"{local:%a} {local.day} {local:%b %Y} — {event.title}"


class RecordRequestForm(NeedsForm):
    """A coordinator records a request that came by e-mail: the form speaks to them."""

    member_email = forms.EmailField(
        label="Who asked?",
        help_text="The member's e-mail address: the one they wrote from, if it is the one "
        "they use here.",
        error_messages={
            "required": "Enter the e-mail address of the member who asked.",
            "invalid": "Enter an e-mail address, like name@example.org.",
        },
    )
    event = GatheringChoiceField(
        queryset=None,
        label="Which gathering?",
        help_text="Gatherings to come, the soonest first.",
        empty_label=None,
        error_messages={"invalid_choice": "Choose one of the gatherings listed."},
    )

    field_order = ["member_email", "event", "kinds"]

    def __init__(self, *args: Any, events: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events  # type: ignore[attr-defined]
        self.fields["kinds"].label = "What did the member ask for?"
        self.fields["kinds"].help_text = (
            "Tick each kind of support they asked for, and copy what they wrote about it "
            "into the box that comes with it. Only coordinators read it."
        )
        for kind in self.offered:
            details = self.fields[details_name(kind.pk)]
            details.help_text = (
                "What they wrote about it, in their words."
                if kind.needs_details
                else "Anything they said about it (optional)."
            )


class QuestionForm(forms.Form):
    question = forms.CharField(
        label="Your question to the member",
        help_text="They get an e-mail saying there is a question (not the question itself) "
        "and answer it on their access page.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the question you want to ask."},
    )


class AnswerForm(forms.Form):
    """An answer to one question; ``question`` says which."""

    question = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)
    answer = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the answer before sending it."},
    )

    def __init__(self, *args: Any, label: str, help_text: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["answer"].label = label
        self.fields["answer"].help_text = help_text


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
            "needs_team_over_an_hour",
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
            "needs_team_over_an_hour": "Over an hour, it takes a team of two (remind coordinators)",
            "order": "Position in the list",
            "is_active": "Offered",
        }
        help_texts = {
            "lead_days": "Requests after this are still taken, as best effort. "
            "Sign language interpreters usually need 14 days.",
            "needs_team_over_an_hour": "Sign language interpreters take turns: a gathering "
            "over an hour needs two.",
        }
        error_messages = {"label": {"unique": "There is already a kind with this name."}}

    def answers(self) -> KindAnswers:
        return answers_from(self, KindAnswers)
