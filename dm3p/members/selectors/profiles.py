"""Members' profiles as each viewer may see them, and who was shown a member's health
information."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now_q
from dm3p.core.models import AuditEntry
from dm3p.core.times import time_zone_label
from dm3p.members.audiences import (
    audience_get,
    viewer_audiences,
)
from dm3p.members.availability import availability_summary
from dm3p.members.hooks import Audience
from dm3p.members.models import (
    Profile,
    Term,
)
from dm3p.members.profile_fields import FIELDS_BY_NAME, PROFILE_FIELDS


@dataclass(frozen=True)
class ShownField:
    name: str
    label: str
    value: str | list[str]
    audience: str
    sensitive: bool


def _labels(terms: Iterable[Term], other: str = "") -> list[str]:
    labels = [term.label for term in terms]
    return [*labels, other] if other else labels


def _field_value(profile: Profile, name: str) -> str | list[str]:
    """A field's value as text (or a list of texts) for reading; "" when empty."""
    if name == "professions":
        return _labels(profile.professions.all(), profile.profession_other)
    if name == "topics_offered":
        return _labels(profile.topics_offered.all(), profile.topics_offered_other)
    if name == "topics_sought":
        return _labels(profile.topics_sought.all(), profile.topics_sought_other)
    if name == "lived_experience_categories":
        return _labels(profile.lived_experience_categories.all())
    if name == "modes":
        return _labels(profile.modes.all(), profile.modes_other)
    if name == "stage":
        return profile.stage.label if profile.stage else ""
    if name == "availability":
        return availability_summary(profile.availability or [])
    if name == "photo":
        return reverse("members:photo", args=[profile.user_id]) if profile.photo else ""
    if name == "lived_experience_years":
        return (
            profile.get_lived_experience_years_display() if profile.lived_experience_years else ""
        )
    if name == "lived_experience":
        return profile.lived_experience or ""
    if name == "time_zone":
        return time_zone_label(profile.time_zone) if profile.time_zone else ""
    return str(getattr(profile, name) or "")


def field_audience(profile: Profile | None, name: str) -> Audience:
    """Who ``profile``'s owner lets see field ``name`` (its default if they never chose)."""
    chosen = (profile.visibility or {}) if profile else {}
    return audience_get(chosen.get(name, FIELDS_BY_NAME[name].default_audience))


def profile_fields_for_audiences(*, profile: Profile, seen: set[str]) -> list[ShownField]:
    """The filled-in fields shown to the ``seen`` audiences (see audiences)."""
    shown = []
    for field in PROFILE_FIELDS:
        audience = field_audience(profile, field.name)
        if audience.key not in seen:
            continue
        value = _field_value(profile, field.name)
        if value:
            shown.append(
                ShownField(field.name, field.label, value, audience.label, field.sensitive)
            )
    return shown


def profile_fields_visible_to(*, profile: Profile, viewer: Any) -> list[ShownField]:
    return profile_fields_for_audiences(
        profile=profile, seen=viewer_audiences(viewer=viewer, owner=profile.user)
    )


def profiles_with_terms() -> QuerySet[Profile]:
    return Profile.objects.select_related("user", "stage").prefetch_related(
        "professions", "topics_offered", "topics_sought", "modes", "lived_experience_categories"
    )


def profile_of_member(*, user_id: int) -> Profile | None:
    """A member's profile, while they are a member (others have none to show)."""
    return profiles_with_terms().filter(members_now_q("user"), user_id=user_id).first()


def profile_photo_visible_to(*, user_id: int, viewer: Any) -> Profile | None:
    """A member's profile, when it has a photo ``viewer`` may see (visitors included)."""
    profile = profile_of_member(user_id=user_id)
    if profile is None or not profile.photo:
        return None
    shown = field_audience(profile, "photo").key in viewer_audiences(
        viewer=viewer, owner=profile.user
    )
    return profile if shown else None


def profile_own(*, user: Any) -> Profile | None:
    return profiles_with_terms().filter(user=user).first()


@dataclass(frozen=True)
class SensitiveView:
    """Someone was shown a member's health information: who, when and which parts."""

    who: str
    at: datetime
    fields: list[str]


def _viewer_name(actor: User | None) -> str:
    # Names only, as members see each other: never an e-mail address.
    if actor is None:
        return "Someone no longer in the program"
    return actor.display_name


def sensitive_views_of(*, user: Any) -> list[SensitiveView]:
    """Who was shown this member's health information, the latest first (shown to the
    member): staff opening it, and members shown it on a profile, a circle page or in the
    directory's results."""
    entries = AuditEntry.objects.filter(
        subject_user=user, action__in=["profile.view_sensitive", "application.view_sensitive"]
    ).select_related("actor__profile")[:50]
    return [
        SensitiveView(
            who=_viewer_name(entry.actor),
            at=entry.created_at,
            fields=[
                FIELDS_BY_NAME[name].label if name in FIELDS_BY_NAME else APPLICATION_HEALTH
                for name in entry.fields
            ],
        )
        for entry in entries
    ]


APPLICATION_HEALTH = "What you told us about your health when you applied"


def zone_of(person: Any) -> str:
    """The time zone a person reads times in (their profile's, else UTC; signed out, UTC)."""
    profile = getattr(person, "profile", None)
    return str(profile.time_zone) if profile else "UTC"
