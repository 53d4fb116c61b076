import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Max, Q, QuerySet

from dm3p.accommodations.enums import RequestStatus
from dm3p.accommodations.models import AccommodationRequest
from dm3p.accounts.models import User
from dm3p.circles.enums import ProfessionPreference
from dm3p.circles.models import (
    BreakoutAssignment,
    BreakoutChoice,
    BreakoutRoom,
    CheckIn,
    Circle,
    CircleMembership,
    CircleNote,
    MatchingPreferences,
    MatchingRound,
    RoundEntry,
)
from dm3p.circles.quality import CircleQuality, Seat, circle_quality
from dm3p.circles.weekhours import spans_text, to_utc
from dm3p.events.enums import RsvpAnswer
from dm3p.events.models import Event, Rsvp
from dm3p.members.audiences import viewer_audiences
from dm3p.members.profile_fields import FIELDS_BY_NAME
from dm3p.members.selectors import MEMBER_STATUSES, ShownField, profile_fields_for_audiences

ZOOM_MAX_ROOMS = 100
ZOOM_MAX_PEOPLE = 1000


def rooms_of(*, event: Event) -> QuerySet[BreakoutRoom]:
    return BreakoutRoom.objects.filter(event=event)


def rooms_with_people(*, event: Event) -> QuerySet[BreakoutRoom]:
    return rooms_of(event=event).prefetch_related("assignments__member__profile")


def attendees_for_rooms(*, event: Event) -> QuerySet[Rsvp]:
    return Rsvp.objects.filter(
        event=event, answer=RsvpAnswer.GOING, waitlisted=False
    ).select_related("member__profile")


def members_needing_interpreters(*, event: Event) -> set[int]:
    """Who must be with an interpreter (coordinators' data: used, never shown)."""
    return set(
        AccommodationRequest.objects.filter(event=event, kind__interpreter_in_breakouts=True)
        .exclude(status=RequestStatus.NOT_POSSIBLE)
        .values_list("member_id", flat=True)
    )


def choices_for(*, event: Event) -> dict[int, list[int]]:
    return dict(BreakoutChoice.objects.filter(event=event).values_list("member_id", "ranked_rooms"))


def choice_of(*, event: Event, member: Any) -> BreakoutChoice | None:
    return BreakoutChoice.objects.filter(event=event, member=member).first()


def room_of(*, event: Event, member: Any) -> BreakoutRoom | None:
    assignment = (
        BreakoutAssignment.objects.filter(room__event=event, member=member)
        .select_related("room")
        .first()
    )
    return assignment.room if assignment else None


def zoom_rows(*, event: Event) -> list[tuple[str, str]]:
    """(room name, e-mail) for Zoom's pre-assignment: each attendee's Zoom address, and the
    interpreters and captioners in their rooms."""
    rows = []
    for room in rooms_with_people(event=event):
        for assignment in room.assignments.all():
            profile = getattr(assignment.member, "profile", None)
            rows.append((room.name, profile.zoom_address if profile else assignment.member.email))
        rows.extend((room.name, address) for address in room.support_addresses)
    return rows


# Matching rounds and circles.


def rounds_all() -> QuerySet[MatchingRound]:
    return MatchingRound.objects.annotate(entry_count=Count("entries", distinct=True))


def round_get(*, pk: int) -> MatchingRound | None:
    return rounds_all().filter(pk=pk).first()


def rounds_open_on(*, day: dt.date) -> QuerySet[MatchingRound]:
    return MatchingRound.objects.filter(
        published_at__isnull=True, signup_opens_on__lte=day, signup_closes_on__gte=day
    ).order_by("signup_closes_on", "id")


def entry_of(*, round: MatchingRound, member: Any) -> RoundEntry | None:
    return (
        RoundEntry.objects.filter(round=round, member=member)
        .prefetch_related("topics_offered", "topics_sought", "modes")
        .first()
    )


def entries_of_member(*, member: Any) -> set[int]:
    """Ids of the rounds this member opted in to."""
    return set(RoundEntry.objects.filter(member=member).values_list("round_id", flat=True))


def preferences_of(*, member: Any) -> MatchingPreferences | None:
    return (
        MatchingPreferences.objects.filter(member=member).prefetch_related("avoid__profile").first()
    )


def entries_of(*, round: MatchingRound) -> QuerySet[RoundEntry]:
    return (
        RoundEntry.objects.filter(round=round)
        .select_related("member__profile__stage", "member__matching_preferences")
        .prefetch_related(
            "topics_offered", "topics_sought", "modes", "member__profile__professions"
        )
    )


def _avoid_pairs(member_ids: set[int]) -> dict[int, set[int]]:
    """Both directions of every avoid pair among ``member_ids``."""
    pairs: dict[int, set[int]] = {}
    through = MatchingPreferences.avoid.through.objects.filter(
        matchingpreferences__member_id__in=member_ids, user_id__in=member_ids
    ).values_list("matchingpreferences__member_id", "user_id")
    for owner, avoided in through:
        pairs.setdefault(owner, set()).add(avoided)
        pairs.setdefault(avoided, set()).add(owner)
    return pairs


def past_groupmates(*, member_ids: set[int], before: MatchingRound) -> dict[int, set[int]]:
    """For each member, who shared a published circle with them in an earlier round."""
    rows = (
        CircleMembership.objects.filter(
            member_id__in=member_ids, circle__round__published_at__isnull=False
        )
        .exclude(round=before)
        .values_list("circle_id", "member_id")
    )
    circles: dict[int, set[int]] = {}
    for circle_id, member_id in rows:
        circles.setdefault(circle_id, set()).add(member_id)
    mates: dict[int, set[int]] = {}
    for people in circles.values():
        for person in people:
            mates.setdefault(person, set()).update(people - {person})
    return mates


@dataclass(frozen=True)
class RoundInputs:
    """Everything the engine and the quality summary need about a round's members."""

    entries: dict[int, RoundEntry]
    seats: dict[int, Seat]
    avoid: dict[int, set[int]]
    preferences: dict[int, str]


def round_inputs(*, round: MatchingRound) -> RoundInputs:
    entries = {entry.member_id: entry for entry in entries_of(round=round)}
    ids = set(entries)
    past = past_groupmates(member_ids=ids, before=round)
    seats = {}
    preferences = {}
    for member_id, entry in entries.items():
        profile = getattr(entry.member, "profile", None)
        professions = sorted(term.pk for term in profile.professions.all()) if profile else []
        seats[member_id] = Seat(
            member_id=member_id,
            stage=profile.stage_id if profile else None,
            profession=professions[0] if professions else None,
            offers=frozenset(term.pk for term in entry.topics_offered.all()),
            seeks=frozenset(term.pk for term in entry.topics_sought.all()),
            slots=frozenset(to_utc(entry.availability or [], entry.time_zone, round.starts_on)),
            modes=frozenset(term.pk for term in entry.modes.all()),
            past=frozenset(past.get(member_id, set())),
        )
        chosen = getattr(entry.member, "matching_preferences", None)
        preferences[member_id] = (
            chosen.profession_preference if chosen else ProfessionPreference.MIXED
        )
    return RoundInputs(entries, seats, _avoid_pairs(ids), preferences)


def circles_of(*, round: MatchingRound) -> QuerySet[Circle]:
    return Circle.objects.filter(round=round).prefetch_related("memberships__member__profile")


def circle_for_viewer(*, pk: int, viewer: Any) -> Circle | None:
    """A published circle, for one of its members; nobody else sees it."""
    if not viewer.is_authenticated:
        return None
    return (
        Circle.objects.filter(
            pk=pk,
            round__published_at__isnull=False,
            memberships__member=viewer,
        )
        .select_related("round")
        .first()
    )


def memberships_of(*, member: Any) -> QuerySet[CircleMembership]:
    return (
        CircleMembership.objects.filter(member=member, circle__round__published_at__isnull=False)
        .select_related("circle__round")
        .order_by("-circle__round__starts_on", "-id")
    )


def membership_in(*, circle: Circle, member: Any) -> CircleMembership | None:
    return CircleMembership.objects.filter(circle=circle, member=member).first()


def circle_mate_ids(*, viewer: Any, day: dt.date) -> set[int]:
    """Who shares a published circle with ``viewer`` in a round still running."""
    if not viewer.is_authenticated:
        return set()
    return set(
        CircleMembership.objects.filter(
            circle__memberships__member=viewer,
            circle__round__published_at__isnull=False,
            circle__round__ends_on__gte=day,
        )
        .exclude(member=viewer)
        .values_list("member_id", flat=True)
    )


def circles_unseen_by(*, member: Any) -> list[CircleMembership]:
    return list(
        CircleMembership.objects.filter(
            member=member, seen_at__isnull=True, circle__round__published_at__isnull=False
        ).select_related("circle__round")
    )


def notes_of(*, circle: Circle) -> QuerySet[CircleNote]:
    return CircleNote.objects.filter(circle=circle).select_related("author__profile")


def check_in_latest(*, circle: Circle, member: Any) -> CheckIn | None:
    return CheckIn.objects.filter(circle=circle, member=member).first()


def check_ins_of_round(*, round: MatchingRound) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(circle__round=round).select_related("member__profile")


def memberships_due_check_in(*, day: dt.date) -> list[tuple[CircleMembership, dt.date]]:
    """Members of running circles, not paused, whose last check-in (or the round's start)
    is at least the round's rhythm ago, each with that date."""
    due: list[tuple[CircleMembership, dt.date]] = []
    memberships = (
        CircleMembership.objects.filter(
            paused=False,
            circle__round__published_at__isnull=False,
            circle__round__starts_on__lte=day,
            circle__round__ends_on__gte=day,
        )
        .select_related("circle__round", "member")
        .annotate(
            last=Max(
                "member__check_ins__created_at", filter=Q(member__check_ins__circle=F("circle"))
            )
        )
    )
    for membership in memberships:
        round = membership.circle.round
        since = membership.last.date() if membership.last else round.starts_on
        if (day - since).days >= 7 * round.check_in_every_weeks:
            due.append((membership, since))
    return due


def display_name_of(person: Any) -> str:
    profile = getattr(person, "profile", None)
    return str(profile.display_name if profile else person.name or person.email)


def people_named(*, name: str, excluding: Any) -> QuerySet[User]:
    """Approved members shown as ``name`` (or with that e-mail address)."""
    return (
        User.objects.filter(membership_status__in=MEMBER_STATUSES)
        .filter(Q(profile__display_name__iexact=name) | Q(email__iexact=name))
        .exclude(pk=excluding.pk)
        .select_related("profile")
    )


# What pages show.


@dataclass(frozen=True)
class Mate:
    """Another member of a circle, as one viewer may see them."""

    member: User
    name: str
    fields: list[ShownField]
    offers_you: list[str]  # topics the viewer seeks that this person offers
    seeks_from_you: list[str]  # topics this person seeks that the viewer offers
    paused: bool


@dataclass(frozen=True)
class CirclePage:
    circle: Circle
    membership: CircleMembership
    mates: list[Mate]
    meeting_times: list[str]
    modes: list[str]
    zone: str
    notes: list[CircleNote]
    check_in_due: bool


def _shown(field: str, visibility: dict[str, str], seen: set[str]) -> bool:
    return visibility.get(field, FIELDS_BY_NAME[field].default_audience) in seen


def circle_page(*, circle: Circle, viewer: Any, day: dt.date) -> CirclePage:
    """The circle as ``viewer`` sees it: each person as they allow, what each can offer
    whom (only from topics they let the viewer see), times in the viewer's own zone."""
    round = circle.round
    memberships = list(
        circle.memberships.filter(
            Q(member=viewer) | Q(member__membership_status__in=MEMBER_STATUSES)
        )
        .select_related("member__profile__stage")
        .prefetch_related(
            "member__profile__professions",
            "member__profile__topics_offered",
            "member__profile__topics_sought",
            "member__profile__modes",
            "member__profile__lived_experience_categories",
        )
    )
    entries = {
        entry.member_id: entry
        for entry in RoundEntry.objects.filter(
            round=round, member_id__in=[item.member_id for item in memberships]
        ).prefetch_related("topics_offered", "topics_sought", "modes")
    }
    mine = next(item for item in memberships if item.member_id == viewer.pk)
    my_entry = entries.get(viewer.pk)
    my_offers = {term.pk for term in my_entry.topics_offered.all()} if my_entry else set()
    my_seeks = {term.pk for term in my_entry.topics_sought.all()} if my_entry else set()
    mates = []
    for membership in memberships:
        if membership.member_id == viewer.pk:
            continue
        person = membership.member
        profile = getattr(person, "profile", None)
        entry = entries.get(person.pk)
        seen = viewer_audiences(viewer=viewer, owner=person)
        visibility = (profile.visibility or {}) if profile else {}
        offers_you: list[str] = []
        seeks_from_you: list[str] = []
        if entry is not None and _shown("topics_offered", visibility, seen):
            offers_you = [t.label for t in entry.topics_offered.all() if t.pk in my_seeks]
        if entry is not None and _shown("topics_sought", visibility, seen):
            seeks_from_you = [t.label for t in entry.topics_sought.all() if t.pk in my_offers]
        mates.append(
            Mate(
                member=person,
                name=display_name_of(person),
                fields=profile_fields_for_audiences(profile=profile, seen=seen) if profile else [],
                offers_you=offers_you,
                seeks_from_you=seeks_from_you,
                paused=membership.paused,
            )
        )
    seats = [
        Seat(
            member_id=member_id,
            slots=frozenset(to_utc(entry.availability or [], entry.time_zone, round.starts_on)),
            modes=frozenset(term.pk for term in entry.modes.all()),
        )
        for member_id, entry in entries.items()
    ]
    quality = circle_quality(seats)
    mode_labels = {term.pk: term.label for entry in entries.values() for term in entry.modes.all()}
    viewer_profile = getattr(viewer, "profile", None)
    zone = (
        viewer_profile.time_zone if viewer_profile else (my_entry.time_zone if my_entry else "UTC")
    )
    latest = check_in_latest(circle=circle, member=viewer)
    since = latest.created_at.date() if latest else round.starts_on
    return CirclePage(
        circle=circle,
        membership=mine,
        mates=mates,
        meeting_times=spans_text(quality.common_hours, zone, round.starts_on),
        modes=[mode_labels[pk] for pk in quality.common_modes],
        zone=zone,
        notes=list(notes_of(circle=circle)),
        check_in_due=round.running_on(day) and (day - since).days >= 7 * round.check_in_every_weeks,
    )


@dataclass(frozen=True)
class DraftCircle:
    circle: Circle
    people: list[tuple[User, str]]  # (member, name)
    quality: CircleQuality
    meeting_times: list[str]
    mode_labels: list[str]
    problems: list[str]


@dataclass(frozen=True)
class Draft:
    circles: list[DraftCircle]
    unplaced: list[RoundEntry]
    asked_to_move: set[int]


def draft_of(*, round: MatchingRound, zone: str) -> Draft:
    """The round's circles with a quality summary each, for organizers. Never says who is
    on anyone's avoid list."""
    inputs = round_inputs(round=round)
    circles = list(circles_of(round=round))
    mode_labels = {
        term.pk: term.label for entry in inputs.entries.values() for term in entry.modes.all()
    }
    drafted = []
    placed: set[int] = set()
    for circle in circles:
        memberships = list(circle.memberships.all())
        placed.update(item.member_id for item in memberships)
        seats = [
            inputs.seats[item.member_id] for item in memberships if item.member_id in inputs.seats
        ]
        quality = circle_quality(seats)
        problems = []
        if not round.min_size <= quality.size <= round.max_size:
            problems.append(f"{quality.size} people: outside {round.min_size} to {round.max_size}")
        if not quality.common_hours:
            problems.append("no hour when everyone is free")
        if not (quality.any_mode or quality.common_modes):
            problems.append("no way of communicating everyone can use")
        drafted.append(
            DraftCircle(
                circle=circle,
                people=[(item.member, display_name_of(item.member)) for item in memberships],
                quality=quality,
                meeting_times=spans_text(quality.common_hours, zone, round.starts_on)[:3],
                mode_labels=[mode_labels[pk] for pk in quality.common_modes],
                problems=problems,
            )
        )
    unplaced = [entry for member_id, entry in inputs.entries.items() if member_id not in placed]
    asked = set(
        CircleMembership.objects.filter(member_id__in=inputs.entries, wants_different=True)
        .exclude(round=round)
        .values_list("member_id", flat=True)
    )
    return Draft(circles=drafted, unplaced=unplaced, asked_to_move=asked)


@dataclass(frozen=True)
class CircleHealth:
    circle: Circle
    people: int
    check_ins: int
    average: float | None
    paused: int
    asked_to_move: list[str]
    shared_comments: list[tuple[str, str]]


def health_of(*, round: MatchingRound) -> list[CircleHealth]:
    """How each circle is going, from check-ins. Comments only where members shared them."""
    check_ins = list(check_ins_of_round(round=round))
    health = []
    for circle in circles_of(round=round):
        mine = [item for item in check_ins if item.circle_id == circle.pk]
        latest: dict[int, CheckIn] = {}
        for item in mine:  # newest first
            latest.setdefault(item.member_id, item)
        ratings = [item.rating for item in latest.values()]
        memberships = list(circle.memberships.all())
        health.append(
            CircleHealth(
                circle=circle,
                people=len(memberships),
                check_ins=len(mine),
                average=round_to_tenth(sum(ratings) / len(ratings)) if ratings else None,
                paused=sum(1 for item in memberships if item.paused),
                asked_to_move=[
                    display_name_of(item.member) for item in memberships if item.wants_different
                ],
                shared_comments=[
                    (display_name_of(item.member), item.comment or "")
                    for item in mine
                    if item.share_comment and item.comment
                ],
            )
        )
    return health


def round_to_tenth(value: float) -> float:
    return round(value, 1)
