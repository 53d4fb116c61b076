"""Finding members, on the fields each lets the viewer see."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

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


def directory_visible_to(*, viewer: Any, filters: DirectoryFilters) -> QuerySet[Profile]:
    """Members now, filtered only on fields each member lets this viewer see."""
    seen = _audiences_seen_by(viewer)
    found = profiles_with_terms().filter(members_now_q("user"))

    def visible(field: str) -> Q:
        return Q(**{f"visibility__{field}__in": seen})

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
