"""Finding members, on the fields each lets the viewer see."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from dm3p.accounts.rules import is_organizer_with_mfa
from dm3p.accounts.selectors import members_now_q
from dm3p.members.audiences import (
    MEMBERS,
    ORGANIZERS,
    audiences_seen_as,
)
from dm3p.members.models import (
    Profile,
    Term,
)
from dm3p.members.selectors.profiles import profiles_with_terms


@dataclass(frozen=True)
class DirectoryFilters:
    text: str = ""  # free text, every word found in the name or a field the viewer sees
    name: str = ""
    profession: Term | None = None
    stage: Term | None = None
    specialty: str = ""
    region: str = ""
    time_zone: str = ""
    topic: Term | None = None
    condition: Term | None = None


def _audiences_seen_by(viewer: Any) -> list[str]:
    """Audiences whose fields ``viewer`` sees on every member's profile (a circle, which
    depends on the member, is left out: filters never reveal more than pages do)."""
    return sorted(audiences_seen_as(ORGANIZERS if is_organizer_with_mfa(viewer) else MEMBERS))


# Text columns searched, each with the profile field whose audience guards it.
SEARCHED_TEXT = {
    "pronouns": "pronouns",
    "specialty": "specialty",
    "profession_other": "professions",
    "institution": "institution",
    "region": "region",
    "bio": "bio",
    "topics_offered_other": "topics_offered",
    "topics_sought_other": "topics_sought",
    "modes_other": "modes",
}
# Lists of terms searched by their labels (a kind of illness only where the member shows it).
SEARCHED_TERMS = (
    "professions",
    "topics_offered",
    "topics_sought",
    "modes",
    "lived_experience_categories",
)


def search_words(text: str) -> list[str]:
    return [word for word in text.split() if word][:8]


def _word_found(word: str, visible: Callable[[str], Q]) -> Q:
    """Where ``word`` may be found: the name, or a field whose audience includes the viewer
    (the free-text health description is encrypted and never searched)."""
    found = Q(display_name__icontains=word) | (visible("stage") & Q(stage__label__icontains=word))
    for column, field in SEARCHED_TEXT.items():
        found |= visible(field) & Q(**{f"{column}__icontains": word})
    for field in SEARCHED_TERMS:
        chosen = getattr(Profile, field).through.objects.filter(
            profile_id=OuterRef("pk"), term__label__icontains=word
        )
        found |= visible(field) & Q(Exists(chosen))
    return found


def directory_visible_to(*, viewer: Any, filters: DirectoryFilters) -> QuerySet[Profile]:
    """Members now, filtered only on fields each member lets this viewer see."""
    seen = _audiences_seen_by(viewer)
    found = profiles_with_terms().filter(members_now_q("user"))

    def visible(field: str) -> Q:
        return Q(**{f"visibility__{field}__in": seen})

    for word in search_words(filters.text):
        found = found.filter(_word_found(word, visible))
    if filters.name:
        found = found.filter(display_name__icontains=filters.name)
    if filters.profession:
        found = found.filter(visible("professions"), professions=filters.profession)
    if filters.stage:
        found = found.filter(visible("stage"), stage=filters.stage)
    if filters.specialty:
        found = found.filter(visible("specialty"), specialty__icontains=filters.specialty)
    if filters.region:
        found = found.filter(visible("region"), region__icontains=filters.region)
    if filters.time_zone:
        found = found.filter(visible("time_zone"), time_zone=filters.time_zone)
    if filters.topic:
        found = found.filter(visible("topics_offered"), topics_offered=filters.topic)
    if filters.condition:
        found = found.filter(
            visible("lived_experience_categories"),
            lived_experience_categories=filters.condition,
        )
    return found.distinct()


def directory_fields_revealed(filters: DirectoryFilters) -> list[str]:
    """The fields whose value every member found is shown to have, by the filters alone
    (finding people by a kind of illness tells that each of them has it)."""
    chosen = {
        "professions": filters.profession,
        "stage": filters.stage,
        "specialty": filters.specialty,
        "region": filters.region,
        "time_zone": filters.time_zone,
        "topics_offered": filters.topic,
        "lived_experience_categories": filters.condition,
    }
    return [name for name, value in chosen.items() if value]


def directory_text_revealed(*, text: str, shown: list[Any]) -> list[str]:
    """The health fields a text search revealed of one member found, from the fields
    ``shown`` to the viewer (finding someone by "deaf" tells that they are)."""
    words = [word.lower() for word in search_words(text)]
    for field in shown:
        if field.name == "lived_experience_categories" and any(
            word in label.lower() for label in field.value for word in words
        ):
            return ["lived_experience_categories"]
    return []
