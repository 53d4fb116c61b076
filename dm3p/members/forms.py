import zoneinfo
from functools import cache
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BoundField

from dm3p.accounts.enums import MembershipStatus
from dm3p.core.fields import ModelChoiceField, ModelMultipleChoiceField, checkboxes
from dm3p.core.images import ImageUploadField, image_upload_check
from dm3p.core.spreadsheets import email_address_check
from dm3p.members.audiences import audiences
from dm3p.members.availability import DAYS, parts_from_hours
from dm3p.members.enums import (
    ApplicationStatus,
    DayPart,
    Decision,
    JoinsAs,
    ReportOutcome,
    TermKind,
    YearsLived,
)
from dm3p.members.models import Application, CommunitySettings, Profile, Term
from dm3p.members.profile_fields import FIELDS_BY_NAME, PROFILE_FIELDS
from dm3p.members.selectors import terms_active
from dm3p.members.services import ApplicationAnswers

# Needed to send an application; a draft needs only a name and an e-mail address.
REQUIRED_TO_SUBMIT = {
    "professions": "Choose at least one profession, or describe yours under “Other profession”.",
    "stage": "Choose the stage of training or career closest to yours.",
    "joins_as": "Choose how you are joining, or “I'd rather not say”.",
    "hopes_to_get": "Tell us in a sentence or two what you hope to get from the program.",
    "code_of_conduct": "Agree to the code of conduct to send your application.",
}


class ApplicationForm(forms.ModelForm[Application]):
    name = forms.CharField(
        label="Your name",
        max_length=150,
        help_text="The name you'd like to be called by.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="E-mail address",
        help_text="We'll write to you here about your application.",
        validators=[email_address_check],
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    professions = ModelMultipleChoiceField(
        queryset=Term.objects.none(),
        widget=forms.CheckboxSelectMultiple,
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
                if name == "professions" and (
                    cleaned.get("professions") or cleaned.get("profession_other", "").strip()
                ):
                    continue
                if not cleaned.get(name):
                    self.add_error(name, message)
        return cleaned

    def answers(self) -> ApplicationAnswers:
        data = self.cleaned_data
        return ApplicationAnswers(
            name=data["name"].strip(),
            values={
                **{field: data.get(field, "") for field in self._meta.fields or []},
                "stage": data.get("stage"),
                "joins_as": data.get("joins_as") or "",
            },
            professions=data.get("professions") or [],
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


class CommunitySettingsForm(forms.ModelForm[CommunitySettings]):
    class Meta:
        model = CommunitySettings
        fields = ["discord_invite_url", "linkedin_group_url", "retention_days"]
        labels = {
            "discord_invite_url": "Discord invitation link",
            "linkedin_group_url": "LinkedIn group link",
            "retention_days": "Days to keep declined and abandoned applications",
        }
        help_texts = {
            "discord_invite_url": "Sent to new members in their welcome e-mail. Never shown "
            "publicly.",
            "linkedin_group_url": "Sent to new members in their welcome e-mail.",
        }


class TermForm(forms.ModelForm[Term]):
    class Meta:
        model = Term
        fields = ["kind", "label", "order", "is_active"]
        labels = {
            "kind": "List",
            "label": "Wording",
            "order": "Position in the list",
            "is_active": "Offered in forms",
        }
        help_texts = {
            "order": "Lower numbers come first.",
            "is_active": "Untick to stop offering it; people who chose it keep it.",
        }
        widgets = {"kind": forms.RadioSelect}
        error_messages = {
            "__all__": {"unique_together": "That list already has this wording."},
        }

    def validate_unique(self) -> None:
        try:
            self.instance.validate_unique()
        except ValidationError:
            self.add_error("label", "That list already has this wording.")


class PersonRolesForm(forms.Form):
    membership_status = forms.ChoiceField(
        choices=MembershipStatus.choices,
        widget=forms.RadioSelect,
        label="Membership",
        help_text="Suspending ends the person's sessions at once; reinstate by choosing "
        "Member or Ally member.",
    )
    is_coordinator = forms.BooleanField(required=False, label="Accommodations coordinator")
    is_organizer = forms.BooleanField(required=False, label="Organizer")
    is_admin = forms.BooleanField(required=False, label="Admin")


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


SECTIONS = [
    ("About you", ["display_name", "pronouns", "photo", "photo_alt_text", "bio", "linkedin_url"]),
    (
        "Your work or studies",
        ["professions", "profession_other", "specialty", "stage", "institution"],
    ),
    ("Where and when", ["region", "time_zone", "availability", "zoom_email"]),
    (
        "Mentorship",
        [
            "topics_offered",
            "topics_offered_other",
            "topics_sought",
            "topics_sought_other",
            "modes",
            "modes_other",
        ],
    ),
    (
        "Your lived experience",
        [
            "health_consent",
            "lived_experience",
            "lived_experience_categories",
            "lived_experience_years",
        ],
    ),
]


def availability_fields(hours: list[int]) -> dict[str, forms.Field]:
    """Checkboxes of the parts of each day, ticked from ``hours`` (see availability)."""
    return {
        f"availability_{day}": forms.MultipleChoiceField(
            choices=DayPart.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=DAYS[day],
            initial=parts,
        )
        for day, parts in parts_from_hours(hours).items()
    }


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    zones = sorted(
        zone
        for zone in zoneinfo.available_timezones()
        if "/" in zone and not zone.startswith(("Etc/", "SystemV/", "posix/", "right/"))
    )
    return [(zone, zone.replace("_", " ")) for zone in zones]


class ProfileForm(forms.ModelForm[Profile]):
    professions = ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple, label="Professions"
    )
    stage = ModelChoiceField(
        queryset=None,
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
        label="Stage of training or career",
    )
    topics_offered = checkboxes("Topics you can share experience about")
    topics_sought = checkboxes("Topics you'd like to learn about")
    modes = checkboxes(
        "Ways you like to communicate", "Camera off is always fine at our gatherings."
    )
    time_zone = forms.ChoiceField(
        choices=time_zone_choices,
        label="Time zone",
        help_text="Times on the site are shown in this zone.",
    )
    health_consent = forms.BooleanField(
        required=False,
        label="I agree that the site may keep what I write below about my health. I can "
        "withdraw this at any time, and it will be deleted.",
    )
    lived_experience_categories = checkboxes(
        "Kinds of disability or illness (optional)",
        "Helps members find others with similar experience, if you let them see it.",
    )
    lived_experience_years = forms.ChoiceField(
        choices=[("", "I'd rather not say"), *YearsLived.choices],
        required=False,
        widget=forms.RadioSelect,
        label="How long you have lived with it",
    )

    class Meta:
        model = Profile
        field_classes = {"photo": ImageUploadField}
        fields = [
            "display_name",
            "pronouns",
            "photo",
            "photo_alt_text",
            "bio",
            "linkedin_url",
            "profession_other",
            "specialty",
            "institution",
            "region",
            "zoom_email",
            "topics_offered_other",
            "topics_sought_other",
            "modes_other",
            "lived_experience",
        ]
        labels = {
            "display_name": "Name shown to others",
            "photo_alt_text": "Describe your photo",
            "bio": "About you",
            "linkedin_url": "LinkedIn profile address",
            "profession_other": "Other profession, or more about yours",
            "institution": "School, program or workplace",
            "region": "City or region",
            "zoom_email": "E-mail address you use for Zoom",
            "topics_offered_other": "Other topics you can share about",
            "topics_sought_other": "Other topics you'd like to learn about",
            "modes_other": "Other ways of communicating",
            "lived_experience": "Your disability or chronic illness, in your own words",
        }
        help_texts = {
            "display_name": "Always shown to members, so they know who you are.",
            "photo": "PNG, JPEG, GIF or WebP, up to 5 MB.",
            "photo_alt_text": "Needed with a photo, for people who can't see it, e.g. "
            "“Smiling, with short grey hair and round glasses”.",
            "zoom_email": "Leave empty if it's the address you sign in with. Used to place "
            "you in breakout rooms; never shown to other members.",
            "lived_experience": "Optional. Only the people you choose below can read it.",
        }
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 5}),
            "lived_experience": forms.Textarea(attrs={"rows": 5}),
            "display_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "zoom_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "linkedin_url": forms.URLInput(attrs={"autocomplete": "url"}),
            "region": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "institution": forms.TextInput(attrs={"autocomplete": "organization"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        profile = self.instance
        for name, kind in [
            ("professions", TermKind.PROFESSION),
            ("stage", TermKind.STAGE),
            ("topics_offered", TermKind.TOPIC),
            ("topics_sought", TermKind.TOPIC),
            ("modes", TermKind.MODE),
            ("lived_experience_categories", TermKind.CONDITION),
        ]:
            self.fields[name].queryset = terms_active(kind=kind)  # type: ignore[attr-defined]
        self.fields["lived_experience"].required = False
        self.fields.update(availability_fields(profile.availability or []))
        for field in PROFILE_FIELDS:
            choices = [
                (audience.key, audience.label) for audience in audiences(sensitive=field.sensitive)
            ]
            self.fields[f"visibility_{field.name}"] = forms.ChoiceField(
                choices=choices,
                label=f"Who can see: {field.label.lower()}",
                initial=(profile.visibility or {}).get(field.name, field.default_audience),
            )
        if profile.pk:
            self.initial.update(
                {
                    "professions": list(profile.professions.all()),
                    "stage": profile.stage_id,
                    "topics_offered": list(profile.topics_offered.all()),
                    "topics_sought": list(profile.topics_sought.all()),
                    "modes": list(profile.modes.all()),
                    "lived_experience_categories": list(profile.lived_experience_categories.all()),
                    "time_zone": profile.time_zone,
                    "health_consent": profile.health_consent_at is not None,
                    "lived_experience_years": profile.lived_experience_years,
                }
            )

    def clean_zoom_email(self) -> str:
        address: str = self.cleaned_data.get("zoom_email") or ""
        email_address_check(address)
        return address

    def clean_photo(self) -> Any:
        photo = self.cleaned_data.get("photo")
        if photo and photo is not self.initial.get("photo") and hasattr(photo, "image"):
            image_upload_check(photo)
        return photo

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("photo") and not cleaned.get("photo_alt_text", "").strip():
            self.add_error("photo_alt_text", "Describe your photo, or remove it.")
        wrote_health = (
            (cleaned.get("lived_experience") or "").strip()
            or cleaned.get("lived_experience_years")
            or cleaned.get("lived_experience_categories")
        )
        if wrote_health and not cleaned.get("health_consent"):
            self.add_error(
                "health_consent",
                "Tick this box to let the site keep what you wrote about your health, or "
                "clear those answers.",
            )
        return cleaned

    def sections(self) -> list[tuple[str, list[tuple[BoundField, BoundField | None]]]]:
        """Each section's fields, each followed by its "who can see" choice, if it has one."""
        laid_out = []
        for heading, names in SECTIONS:
            rows: list[tuple[BoundField, BoundField | None]] = []
            for name in names:
                if name == "availability":
                    for day in range(7):
                        rows.append((self[f"availability_{day}"], None))
                    rows.append((self["visibility_availability"], None))
                    continue
                visibility = self[f"visibility_{name}"] if name in FIELDS_BY_NAME else None
                rows.append((self[name], visibility))
            laid_out.append((heading, rows))
        return laid_out

    def availability_choice(self) -> dict[int, list[str]]:
        return {day: self.cleaned_data.get(f"availability_{day}") or [] for day in range(7)}

    def visibility_choice(self) -> dict[str, str]:
        return {
            field.name: self.cleaned_data[f"visibility_{field.name}"] for field in PROFILE_FIELDS
        }


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


class MessageForm(forms.Form):
    body = forms.CharField(
        label="Your message",
        max_length=3000,
        error_messages={"required": "Write your message."},
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Sent by e-mail and kept on the site, where it can be reported if it breaks "
        "the code of conduct.",
    )
    reveal_email = forms.BooleanField(
        required=False, label="Share my e-mail address so they can reply directly"
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label="What happened?",
        max_length=5000,
        error_messages={"required": "Say what happened."},
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Only organizers read reports. The person you report is not told who "
        "reported them.",
    )


class ReportNoteForm(forms.Form):
    text = forms.CharField(
        label="Note for other organizers", max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ReportCloseForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=ReportOutcome.choices, widget=forms.RadioSelect, label="Outcome"
    )
    message = forms.CharField(
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Message to the person who reported",
        help_text="Optional. Say what you can without sharing anyone's private details.",
    )
