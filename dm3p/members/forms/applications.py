"""The application form, and organizers' decisions on applications."""

from typing import Any

from django import forms

from dm3p.core.fields import ModelChoiceField, ModelMultipleChoiceField
from dm3p.core.spreadsheets import email_address_check
from dm3p.members.enums import (
    ApplicationStatus,
    Decision,
    JoinsAs,
    TermKind,
)
from dm3p.members.models import Application, Term
from dm3p.members.selectors import terms_active
from dm3p.members.services import ApplicationAnswers

# Needed to send an application; a draft needs only a name and an e-mail address. Every
# other question is truly optional (the form says so next to each one).
REQUIRED_TO_SUBMIT = {
    "code_of_conduct": "Agree to the code of conduct to send your application.",
}

# The starting list of professions (dm3p.members.defaults), in groups, so the list reads as
# a few short fieldsets rather than one long column. A profession organizers add later, and
# "Other", go in the last group.
PROFESSION_GROUPS: tuple[tuple[str, frozenset[str]], ...] = (
    ("Medicine", frozenset({"Physician", "Physician assistant / associate"})),
    (
        "Nursing and midwifery",
        frozenset({"Nurse (RN)", "Nurse practitioner", "Licensed practical nurse", "Midwife"}),
    ),
    (
        "Therapies and rehabilitation",
        frozenset(
            {
                "Physical therapist",
                "Occupational therapist",
                "Speech-language pathologist",
                "Audiologist",
                "Respiratory therapist",
                "Dietitian",
            }
        ),
    ),
    (
        "Mental health, social care and spiritual care",
        frozenset({"Psychologist", "Social worker", "Counselor / therapist", "Chaplain"}),
    ),
    (
        "Pharmacy, dentistry, eyes and feet",
        frozenset({"Pharmacist", "Dentist", "Dental hygienist", "Optometrist", "Podiatrist"}),
    ),
    (
        "Emergency care, laboratory, imaging and genetics",
        frozenset(
            {
                "Paramedic / EMT",
                "Medical laboratory scientist",
                "Radiologic technologist",
                "Genetic counselor",
            }
        ),
    ),
    (
        "Public health, research and administration",
        frozenset({"Public health professional", "Health researcher", "Healthcare administrator"}),
    ),
)
OTHER_PROFESSIONS = "Other professions"


def profession_group(label: str) -> str:
    for group, labels in PROFESSION_GROUPS:
        if label in labels:
            return group
    return OTHER_PROFESSIONS


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes in groups, each a fieldset with its legend (works without JavaScript).
    Each box keeps the id it has ungrouped (id_professions_0 is the first in the list), so
    links to the field still work."""

    template_name = "members/widgets/grouped_checkboxes.html"

    def optgroups(self, name: str, value: Any, attrs: Any = None) -> list[Any]:
        grouped: dict[str, list[Any]] = {group: [] for group, _ in PROFESSION_GROUPS}
        grouped[OTHER_PROFESSIONS] = []
        for _, options, _ in super().optgroups(name, value, attrs):
            for option in options:
                grouped[profession_group(str(option["label"]))].append(option)
        return [
            (group, options, index)
            for index, (group, options) in enumerate(grouped.items())
            if options
        ]


class ApplicationForm(forms.ModelForm[Application]):
    name = forms.CharField(
        label="Your name",
        max_length=150,
        error_messages={"required": "Enter your name."},
        help_text="The name you'd like to be called by.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Your e-mail address",
        help_text="We'll write to you here about your application.",
        error_messages={
            "required": "Enter your e-mail address.",
            "invalid": "Enter an e-mail address like name@example.org.",
        },
        validators=[email_address_check],
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    professions = ModelMultipleChoiceField(
        queryset=Term.objects.none(),
        widget=GroupedCheckboxes,
        required=False,
        label="Your profession or professions",
        help_text="Current, future or former: choose all that apply.",
    )
    stage = ModelChoiceField(
        queryset=Term.objects.none(),
        widget=forms.RadioSelect,
        required=False,
        empty_label=None,
        label="Your stage of training or career",
    )
    joins_as = forms.ChoiceField(
        choices=JoinsAs.choices,
        widget=forms.RadioSelect,
        required=False,
        label="You are joining as",
        help_text="We never ask for proof of a disability or diagnosis.",
    )
    health_consent = forms.BooleanField(
        required=False,
        label="I agree that the organizers may keep the health information I write below, "
        "to understand my application. I can withdraw this at any time, and it will be "
        "deleted.",
    )
    health_details = forms.CharField(
        required=False,
        max_length=4000,
        label="Anything about your disability or chronic illness you'd like the organizers to know",
        help_text="Completely optional. Only organizers reviewing applications can read it, "
        "and only if you tick the box above.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    code_of_conduct = forms.BooleanField(
        required=False,
        label="I have read the code of conduct and agree to follow it",
        help_text="Needed to send your application (not to save it).",
    )

    class Meta:
        model = Application
        fields = [
            "pronouns",
            "profession_other",
            "specialty",
            "institution",
            "hopes_to_get",
            "hopes_to_give",
            "heard_about",
        ]
        labels = {
            "pronouns": "Pronouns",
            "profession_other": "Other profession",
            "specialty": "Specialty or area of practice",
            "institution": "School, program or workplace",
            "hopes_to_get": "What do you hope to get from the program?",
            "hopes_to_give": "What would you like to offer other members?",
            "heard_about": "How did you hear about us?",
        }
        help_texts = {
            "pronouns": "For example she/her, he/him, they/them.",
            "profession_other": "If your profession isn't listed, or to say more.",
            "hopes_to_give": "Everyone here both gives and receives, from their own experience.",
        }
        widgets = {
            "hopes_to_get": forms.Textarea(attrs={"rows": 4}),
            "hopes_to_give": forms.Textarea(attrs={"rows": 4}),
            "institution": forms.TextInput(attrs={"autocomplete": "organization"}),
        }

    field_order = [
        "name",
        "email",
        "pronouns",
        "professions",
        "profession_other",
        "stage",
        "specialty",
        "institution",
        "joins_as",
        "hopes_to_get",
        "hopes_to_give",
        "heard_about",
        "health_consent",
        "health_details",
        "code_of_conduct",
    ]

    def __init__(self, *args: Any, submitting: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        self.fields["professions"].queryset = terms_active(kind=TermKind.PROFESSION)  # type: ignore[attr-defined]
        self.fields["stage"].queryset = terms_active(kind=TermKind.STAGE)  # type: ignore[attr-defined]
        application = self.instance
        if application.pk:
            self.fields["email"].disabled = True
            self.initial.update(
                {
                    "name": application.user.name,
                    "email": application.user.email,
                    "professions": list(application.professions.all()),
                    "stage": application.stage_id,
                    "joins_as": application.joins_as,
                    "health_consent": application.health_consent_at is not None,
                    "health_details": application.health_details or "",
                    "code_of_conduct": application.code_of_conduct_agreed_at is not None,
                }
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("health_details", "").strip() and not cleaned.get("health_consent"):
            self.add_error(
                "health_consent",
                "Tick this box to let us keep what you wrote about your health, or clear that box.",
            )
        if self.submitting:
            for name, message in REQUIRED_TO_SUBMIT.items():
                if not cleaned.get(name):
                    self.add_error(name, message)
        return cleaned

    def answers(self) -> ApplicationAnswers:
        data = self.cleaned_data
        return ApplicationAnswers(
            name=data["name"].strip(),
            pronouns=data["pronouns"],
            professions=tuple(data.get("professions") or ()),
            profession_other=data["profession_other"],
            stage=data.get("stage"),
            specialty=data["specialty"],
            institution=data["institution"],
            joins_as=data.get("joins_as") or "",
            hopes_to_get=data["hopes_to_get"],
            hopes_to_give=data["hopes_to_give"],
            heard_about=data["heard_about"],
            health_details=data.get("health_details", ""),
            health_consent=bool(data.get("health_consent")),
            code_of_conduct=bool(data.get("code_of_conduct")),
        )


class ResumeLinkForm(forms.Form):
    email = forms.EmailField(
        label="E-mail address",
        help_text="The address you gave on your application.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=Decision.choices, widget=forms.RadioSelect, label="Your decision"
    )
    message = forms.CharField(
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Message to the applicant",
        help_text="Added to the e-mail. Needed when you ask for more information.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == Decision.MORE_INFO and not cleaned.get("message", "").strip():
            self.add_error("message", "Write what you would like the applicant to tell you.")
        return cleaned


class BulkDecisionForm(forms.Form):
    applications = ModelMultipleChoiceField(
        queryset=Application.objects.filter(
            status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.MORE_INFO]
        ),
        widget=forms.CheckboxSelectMultiple,
        label="Applications",
        error_messages={"required": "Choose at least one application."},
    )
    decision = forms.ChoiceField(
        choices=[(Decision.APPROVE, "Approve"), (Decision.DECLINE, "Decline")],
        widget=forms.RadioSelect,
        label="Decision for the chosen applications",
    )
