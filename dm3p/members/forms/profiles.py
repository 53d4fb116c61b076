"""A member's own profile."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms import BoundField

from dm3p.core.fields import ModelChoiceField, ModelMultipleChoiceField, checkboxes

# Needed to send an application; a draft needs only a name and an e-mail address.
from dm3p.core.images import ImageUploadField, image_upload_check
from dm3p.core.spreadsheets import email_address_check
from dm3p.core.time_zones import TimeZoneField
from dm3p.members.audiences import audiences
from dm3p.members.availability import DAYS, hours_from_parts, parts_from_hours
from dm3p.members.enums import (
    DayPart,
    TermKind,
    YearsLived,
)
from dm3p.members.models import Profile, Term
from dm3p.members.profile_fields import FIELDS_BY_NAME, PROFILE_FIELDS
from dm3p.members.selectors import terms_active
from dm3p.members.services.profiles import ProfileAnswers


@dataclass(frozen=True)
class ProfileFormSection:
    """A part of the profile with its own page, saved on its own."""

    key: str
    title: str
    intro: str
    fields: tuple[str, ...]  # form fields, in order; "availability" stands for the 7 days


PROFILE_FORM_SECTIONS = [
    ProfileFormSection(
        "about-you",
        "About you",
        "Your name, pronouns, photo and a few words about yourself.",
        ("display_name", "pronouns", "photo", "photo_alt_text", "bio", "linkedin_url"),
    ),
    ProfileFormSection(
        "work",
        "Your work or studies",
        "Your profession, specialty, stage and where you work or study.",
        ("professions", "profession_other", "specialty", "stage", "institution"),
    ),
    ProfileFormSection(
        "where-and-when",
        "Where and when",
        "Your city or region, time zone, when you are usually free, and your Zoom address.",
        ("region", "time_zone", "availability", "zoom_email"),
    ),
    ProfileFormSection(
        "mentorship",
        "Mentorship",
        "What you can share, what you would like to learn, and how you like to talk.",
        (
            "topics_offered",
            "topics_offered_other",
            "topics_sought",
            "topics_sought_other",
            "modes",
            "modes_other",
        ),
    ),
    ProfileFormSection(
        "lived-experience",
        "Your lived experience",
        "Your disability or chronic illness, only if you want to share it. It starts as “Only me”.",
        (
            "health_consent",
            "lived_experience",
            "lived_experience_categories",
            "lived_experience_years",
        ),
    ),
]
PROFILE_FORM_SECTIONS_BY_KEY = {section.key: section for section in PROFILE_FORM_SECTIONS}


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
    time_zone = TimeZoneField(
        label="Time zone",
        help_text="Times on the site are shown in this zone. Type your city or the nearest "
        "big city, such as “Chicago” or “Eastern Time”, or choose from the suggestions.",
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

    def __init__(self, *args: Any, section: ProfileFormSection, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.section = section
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
        self._keep_only(section)

    def _keep_only(self, section: ProfileFormSection) -> None:
        """Drop every field outside ``section``: a save changes its fields and no others."""
        kept = set(section.fields)
        if "availability" in kept:
            kept |= {f"availability_{day}" for day in range(7)}
        kept |= {f"visibility_{name}" for name in section.fields if name in FIELDS_BY_NAME}
        for name in list(self.fields):
            if name not in kept:
                del self.fields[name]

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

    def rows(self) -> list[tuple[BoundField, BoundField | None]]:
        """The section's fields, each followed by its "who can see" choice, if it has one."""
        rows: list[tuple[BoundField, BoundField | None]] = []
        for name in self.section.fields:
            if name == "availability":
                rows.extend((self[f"availability_{day}"], None) for day in range(7))
                rows.append((self["visibility_availability"], None))
                continue
            visibility = self[f"visibility_{name}"] if name in FIELDS_BY_NAME else None
            rows.append((self[name], visibility))
        return rows

    def availability_choice(self) -> dict[int, list[str]]:
        return {day: self.cleaned_data.get(f"availability_{day}") or [] for day in range(7)}

    def visibility_choice(self) -> dict[str, str]:
        return {
            field.name: self.cleaned_data[f"visibility_{field.name}"]
            for field in PROFILE_FIELDS
            if f"visibility_{field.name}" in self.cleaned_data
        }

    def answers(self) -> ProfileAnswers:
        data = self.cleaned_data

        def terms(name: str) -> tuple[Term, ...]:
            return tuple(data.get(name) or ())

        return ProfileAnswers(
            asked=frozenset(self.section.fields),
            display_name=data.get("display_name", ""),
            pronouns=data.get("pronouns", ""),
            photo=data.get("photo"),
            photo_alt_text=data.get("photo_alt_text", ""),
            bio=data.get("bio", ""),
            linkedin_url=data.get("linkedin_url", ""),
            professions=terms("professions"),
            profession_other=data.get("profession_other", ""),
            specialty=data.get("specialty", ""),
            stage=data.get("stage"),
            institution=data.get("institution", ""),
            region=data.get("region", ""),
            time_zone=data.get("time_zone", ""),
            zoom_email=data.get("zoom_email", ""),
            topics_offered=terms("topics_offered"),
            topics_offered_other=data.get("topics_offered_other", ""),
            topics_sought=terms("topics_sought"),
            topics_sought_other=data.get("topics_sought_other", ""),
            modes=terms("modes"),
            modes_other=data.get("modes_other", ""),
            availability=tuple(hours_from_parts(self.availability_choice())),
            visibility=self.visibility_choice(),
            health_consent=bool(data.get("health_consent")),
            lived_experience=data.get("lived_experience") or "",
            lived_experience_categories=terms("lived_experience_categories"),
            lived_experience_years=data.get("lived_experience_years") or "",
        )
