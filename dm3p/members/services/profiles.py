"""Members' profiles: starting, changing, consent to keep health information, and
recording who was shown it."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.core.images import image_without_metadata
from dm3p.core.selectors import site_time_zone
from dm3p.core.services import (
    audit_record,
    audit_record_many,
)
from dm3p.members.models import (
    Application,
    Profile,
    Term,
)
from dm3p.members.profile_fields import SENSITIVE_FIELDS, default_visibility


def profile_ensure(*, user: User) -> Profile:
    """The member's profile, started from their application the first time."""
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        return profile
    with transaction.atomic():
        application = Application.objects.filter(user=user).first()
        profile = Profile.objects.create(
            user=user,
            display_name=user.name or user.email.split("@")[0],
            pronouns=application.pronouns if application else "",
            specialty=application.specialty if application else "",
            institution=application.institution if application else "",
            profession_other=application.profession_other if application else "",
            stage=application.stage if application else None,
            time_zone=site_time_zone(),
            visibility=default_visibility(),
        )
        if application is not None:
            profile.professions.set(application.professions.all())
        audit_record(actor=user, action="profile.create", subject_user=user, target=profile)
    return profile


@dataclass(frozen=True)
class ProfileAnswers:
    """What one section of the profile form collected (already validated). Only the answers
    named in ``asked`` are saved: a section's save leaves every other field as it is."""

    asked: frozenset[str]
    display_name: str
    pronouns: str
    # A new upload, False to remove the photo, or the photo as it is (or None): unchanged.
    photo: UploadedFile[bytes] | File[bytes] | bool | None
    photo_alt_text: str
    bio: str
    linkedin_url: str
    professions: tuple[Term, ...]
    profession_other: str
    specialty: str
    stage: Term | None
    institution: str
    region: str
    time_zone: str
    zoom_email: str
    topics_offered: tuple[Term, ...]
    topics_offered_other: str
    topics_sought: tuple[Term, ...]
    topics_sought_other: str
    modes: tuple[Term, ...]
    modes_other: str
    availability: tuple[int, ...]  # hours of the week (see availability)
    visibility: Mapping[str, str]  # field name -> audience key
    health_consent: bool
    lived_experience: str
    lived_experience_categories: tuple[Term, ...]
    lived_experience_years: str


PROFILE_VALUE_FIELDS = (
    "display_name",
    "pronouns",
    "photo_alt_text",
    "bio",
    "linkedin_url",
    "profession_other",
    "specialty",
    "stage",
    "institution",
    "region",
    "time_zone",
    "zoom_email",
    "topics_offered_other",
    "topics_sought_other",
    "modes_other",
    "lived_experience_years",
)
PROFILE_TERM_FIELDS = ("professions", "topics_offered", "topics_sought", "modes")


def _photo_change(
    stored: Profile, photo: UploadedFile[bytes] | File[bytes] | bool | None
) -> File[bytes] | str | None:
    """What the photo becomes: a new image (without its metadata), "" when removed, or None
    when it stays as it is."""
    if photo is False:  # "clear" ticked
        if stored.photo:
            stored.photo.delete(save=False)
        return ""
    if isinstance(photo, UploadedFile):
        return image_without_metadata(photo)
    return None


@transaction.atomic
def profile_update(*, profile: Profile, answers: ProfileAnswers) -> Profile:
    stored = Profile.objects.select_for_update().get(pk=profile.pk)
    asked = answers.asked
    changed = []
    values: dict[str, object] = {
        name: getattr(answers, name) for name in PROFILE_VALUE_FIELDS if name in asked
    }
    if "photo" in asked:
        photo = _photo_change(stored, answers.photo)
        if photo is not None:
            values["photo"] = photo
    if "lived_experience" in asked:
        values["lived_experience"] = answers.lived_experience.strip() or None
    for name, value in values.items():
        if getattr(stored, name) != value:
            setattr(stored, name, value)
            changed.append(name)
    categories = answers.lived_experience_categories
    if "health_consent" in asked:
        if answers.health_consent and stored.health_consent_at is None:
            stored.health_consent_at = timezone.now()
            changed.append("health_consent")
        if not answers.health_consent:
            if stored.health_consent_at is not None or stored.lived_experience:
                changed.append("health_consent_withdrawn")
            stored.health_consent_at = None
            stored.lived_experience = None
            stored.lived_experience_years = ""
            categories = ()
    if not stored.photo:
        stored.photo_alt_text = ""
    availability = sorted(answers.availability)
    if "availability" in asked and sorted(stored.availability or []) != availability:
        stored.availability = availability
        changed.append("availability")
    visibility = {**default_visibility(), **(stored.visibility or {}), **answers.visibility}
    if visibility != stored.visibility:
        stored.visibility = visibility
        changed.append("visibility")
    stored.full_clean(exclude=["user", "stage", "photo"])
    stored.save()
    for name in PROFILE_TERM_FIELDS:
        if name in asked:
            getattr(stored, name).set(list(getattr(answers, name)))
    if "lived_experience_categories" in asked or "health_consent" in asked:
        stored.lived_experience_categories.set(list(categories))
    audit_record(
        actor=stored.user,
        action="profile.update",
        subject_user=stored.user,
        target=stored,
        fields=changed,
    )
    return stored


@transaction.atomic
def profile_health_consent_withdraw(*, profile: Profile) -> None:
    """Withdrawing consent hides and deletes what the member wrote about their health."""
    Profile.objects.filter(pk=profile.pk).update(
        health_consent_at=None, lived_experience=None, lived_experience_years=""
    )
    profile.lived_experience_categories.clear()
    Application.objects.filter(user_id=profile.user_id).update(
        health_consent_at=None, health_details=None
    )
    audit_record(
        actor=profile.user,
        action="profile.health_consent_withdrawn",
        subject_user=profile.user,
        target=profile,
        fields=["lived_experience", "lived_experience_years", "health_details"],
    )


def profile_sensitive_viewed(*, actor: User, seen: Iterable[tuple[Profile, Iterable[str]]]) -> int:
    """Someone was shown other members' health information, wherever (a profile, members
    found through a health field, a circle page): each member's sensitive fields among
    ``seen`` (profile, field names shown) are recorded (who, whose, which fields; never the
    values), so the member can see who looked. One query, however many. Returns how many
    members' entries were written."""
    items = []
    for profile, names in seen:
        fields = sorted({name for name in names if name in SENSITIVE_FIELDS})
        if fields and actor.pk != profile.user_id:
            items.append((profile.user, profile, fields))
    if items:
        audit_record_many(actor=actor, action="profile.view_sensitive", items=items)
    return len(items)
