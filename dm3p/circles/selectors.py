import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Max, Q, QuerySet
from django.utils import timezone

from dm3p.accommodations.enums import RequestStatus
from dm3p.accommodations.models import AccommodationRequest
from dm3p.accounts.models import User
from dm3p.accounts.rules import is_member
from dm3p.accounts.selectors import members_now, members_now_q
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
from dm3p.circles.weekhours import duration_text, slot_minutes_for, spans_text, to_utc
from dm3p.events.enums import RsvpAnswer
from dm3p.events.models import Event, Rsvp
from dm3p.members.audiences import viewer_audiences
from dm3p.members.models import Profile
from dm3p.members.selectors import (
    ShownField,
    field_audience,
    profile_fields_for_audiences,
)

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


@dataclass(frozen=True)
class MyEntries:
    """The rounds a member joined: which, and how each stands for them."""

    rounds: set[int]
    waiting: list[MatchingRound]  # sign-up closed, circles not yet published
    not_placed: list[MatchingRound]  # published without a circle for them


def entries_of_member(*, member: Any) -> MyEntries:
    today = timezone.localdate()
    entries = list(
        RoundEntry.objects.filter(member=member)
        .select_related("round")
        .annotate(
            placed=Count(
                "round__circles__memberships",
                filter=Q(round__circles__memberships__member=member),
            )
        )
        .order_by("-round__starts_on", "-id")
    )
    return MyEntries(
        rounds={entry.round_id for entry in entries},
        waiting=[
            entry.round
            for entry in entries
            if entry.round.published_at is None and entry.round.signup_closes_on < today
        ],
        not_placed=[
            entry.round
            for entry in entries
            if entry.round.published_at is not None
            and not entry.placed
            and entry.round.ends_on >= today
        ],
    )


def preferences_of(*, member: Any) -> MatchingPreferences | None:
    return (
        MatchingPreferences.objects.filter(member=member).prefetch_related("avoid__profile").first()
    )


def entries_of(*, round: MatchingRound) -> QuerySet[RoundEntry]:
    """The round's entries from people who are still members (not declined or suspended)."""
    return (
        RoundEntry.objects.filter(members_now_q("member"), round=round)
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
    slot_minutes: int  # of the seats' slots: 60 unless someone's zone needs finer ones


def _slot_minutes_of(entries: Iterable[RoundEntry], round: MatchingRound) -> int:
    """Whole hours unless a member who gave times is in a zone a half or three quarters of
    an hour off UTC in the week the round starts."""
    return slot_minutes_for(
        (entry.time_zone for entry in entries if entry.availability), round.starts_on
    )


def _utc_slots(entry: RoundEntry, round: MatchingRound, slot_minutes: int) -> frozenset[int]:
    return frozenset(
        to_utc(entry.availability or [], entry.time_zone, round.starts_on, slot_minutes)
    )


def round_inputs(*, round: MatchingRound) -> RoundInputs:
    entries = {entry.member_id: entry for entry in entries_of(round=round)}
    ids = set(entries)
    past = past_groupmates(member_ids=ids, before=round)
    slot_minutes = _slot_minutes_of(entries.values(), round)
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
            slots=_utc_slots(entry, round, slot_minutes),
            modes=frozenset(term.pk for term in entry.modes.all()),
            past=frozenset(past.get(member_id, set())),
        )
        chosen = getattr(entry.member, "matching_preferences", None)
        preferences[member_id] = (
            chosen.profession_preference if chosen else ProfessionPreference.MIXED
        )
    return RoundInputs(entries, seats, _avoid_pairs(ids), preferences, slot_minutes)


def _token(prefix: str, pk: int | None) -> str:
    return f"{prefix}{pk}"


def cohort_input(
    *, round: MatchingRound, inputs: RoundInputs, member_ids: Iterable[int]
) -> dict[str, Any]:
    """The engine's input (MATCHING.md) for some of the round's members."""
    members = []
    for member_id in sorted(member_ids):
        seat = inputs.seats[member_id]
        member: dict[str, Any] = {
            "id": str(member_id),
            "offers": [_token("t", pk) for pk in sorted(seat.offers)],
            "seeks": [_token("t", pk) for pk in sorted(seat.seeks)],
            "modes": [_token("m", pk) for pk in sorted(seat.modes)],
            "avoid": [str(pk) for pk in sorted(inputs.avoid.get(member_id, set()))],
            "past_groupmates": [str(pk) for pk in sorted(seat.past)],
            "profession_preference": inputs.preferences[member_id],
        }
        if seat.stage is not None:
            member["stage"] = _token("s", seat.stage)
        if seat.profession is not None:
            member["profession"] = _token("p", seat.profession)
        if seat.slots:
            member["slots"] = sorted(seat.slots)
        members.append(member)
    cohort: dict[str, Any] = {
        "group_size": {"min": round.min_size, "max": round.max_size},
        "time_limit_s": settings.CIRCLES_MATCH_TIME_LIMIT_S,
        "seed": round.pk * 1000 + round.run_count,
        "members": members,
    }
    if inputs.slot_minutes != 60:
        cohort["slot_minutes"] = inputs.slot_minutes
    return cohort


def avoid_pair_between(*, member_id: int, others: set[int]) -> bool:
    """Whether ``member_id`` and any of ``others`` must not share a circle (either way)."""
    return MatchingPreferences.avoid.through.objects.filter(
        Q(matchingpreferences__member_id=member_id, user_id__in=others)
        | Q(matchingpreferences__member_id__in=others, user_id=member_id)
    ).exists()


def circles_of(*, round: MatchingRound) -> QuerySet[Circle]:
    return Circle.objects.filter(round=round).prefetch_related("memberships__member__profile")


def circle_for_viewer(*, pk: int, viewer: Any) -> Circle | None:
    """A published circle, for one of its people while they are a member; nobody else sees
    it (someone declined or suspended since no longer does)."""
    if not is_member(viewer):
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
    """Who shares a published circle with ``viewer`` in a round still running, both being
    members now."""
    if not is_member(viewer):
        return set()
    return set(
        CircleMembership.objects.filter(
            members_now_q("member"),
            circle__memberships__member=viewer,
            circle__round__published_at__isnull=False,
            circle__round__ends_on__gte=day,
        )
        .exclude(member=viewer)
        .values_list("member_id", flat=True)
    )


def circles_unseen_by(*, member: Any) -> list[CircleMembership]:
    if not is_member(member):
        return []
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
    """A round's check-ins; comments are read only where members shared them."""
    return (
        CheckIn.objects.filter(circle__round=round)
        .defer("comment")
        .select_related("member__profile")
    )


def comments_shared(*, round: MatchingRound) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(
        circle__round=round, share_comment=True, comment__isnull=False
    ).select_related("member__profile")


def memberships_due_check_in(*, day: dt.date) -> list[tuple[CircleMembership, dt.date]]:
    """Members of running circles, not paused, whose check-in is due, each with the date it
    fell due: every rhythm (of weeks) since their last check-in, or since the round began."""
    due: list[tuple[CircleMembership, dt.date]] = []
    memberships = (
        CircleMembership.objects.filter(
            members_now_q("member"),
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
        since = timezone.localdate(membership.last) if membership.last else round.starts_on
        rhythm = 7 * round.check_in_every_weeks
        periods = (day - since).days // rhythm
        if periods >= 1:
            due.append((membership, since + dt.timedelta(days=periods * rhythm)))
    return due


def zone_of(person: Any) -> str:
    """The time zone a person reads times in (their profile's, else UTC)."""
    profile = getattr(person, "profile", None)
    return str(profile.time_zone) if profile else "UTC"


def people_named(*, name: str, excluding: Any) -> QuerySet[User]:
    """Approved members shown as ``name``; "Name #12" picks the member whose profile is
    /members/12/, when two share a name. Never by e-mail address: that would tell a member
    whether an address belongs to someone in the program."""
    number = re.fullmatch(r"(.+?)\s*#(\d{1,18})", name)
    people = members_now().exclude(pk=excluding.pk)
    if number:
        people = people.filter(pk=int(number.group(2)))
        name = number.group(1)
    return people.filter(profile__display_name__iexact=name.strip()).select_related("profile")


# What pages show.


@dataclass(frozen=True)
class Mate:
    """Another member of a circle, as one viewer may see them."""

    member: User
    profile: Profile | None
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
    running: bool

    @property
    def fields_seen(self) -> list[tuple[Profile, list[str]]]:
        """Each other member's profile with the fields shown of it (for the audit log)."""
        return [
            (mate.profile, [field.name for field in mate.fields])
            for mate in self.mates
            if mate.profile is not None
        ]


def circle_page(*, circle: Circle, viewer: Any, day: dt.date) -> CirclePage:
    """The circle as ``viewer`` sees it: each person as they allow, what each can offer
    whom (only from topics they let the viewer see), times in the viewer's own zone."""
    round = circle.round
    memberships = list(
        circle.memberships.filter(Q(member=viewer) | members_now_q("member"))
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
        offers_you: list[str] = []
        seeks_from_you: list[str] = []
        if entry is not None and field_audience(profile, "topics_offered").key in seen:
            offers_you = [t.label for t in entry.topics_offered.all() if t.pk in my_seeks]
        if entry is not None and field_audience(profile, "topics_sought").key in seen:
            seeks_from_you = [t.label for t in entry.topics_sought.all() if t.pk in my_offers]
        mates.append(
            Mate(
                member=person,
                profile=profile,
                name=person.display_name,
                fields=profile_fields_for_audiences(profile=profile, seen=seen) if profile else [],
                offers_you=offers_you,
                seeks_from_you=seeks_from_you,
                paused=membership.paused,
            )
        )
    slot_minutes = _slot_minutes_of(entries.values(), round)
    seats = [
        Seat(
            member_id=member_id,
            slots=_utc_slots(entry, round, slot_minutes),
            modes=frozenset(term.pk for term in entry.modes.all()),
        )
        for member_id, entry in entries.items()
    ]
    quality = circle_quality(seats, slot_minutes)
    mode_labels = {term.pk: term.label for entry in entries.values() for term in entry.modes.all()}
    viewer_profile = getattr(viewer, "profile", None)
    zone = (
        viewer_profile.time_zone if viewer_profile else (my_entry.time_zone if my_entry else "UTC")
    )
    latest = check_in_latest(circle=circle, member=viewer)
    since = timezone.localdate(latest.created_at) if latest else round.starts_on
    return CirclePage(
        circle=circle,
        membership=mine,
        mates=mates,
        meeting_times=spans_text(quality.common_slots, zone, round.starts_on, slot_minutes),
        modes=[mode_labels[pk] for pk in quality.common_modes],
        zone=zone,
        notes=list(notes_of(circle=circle)),
        check_in_due=round.running_on(day) and (day - since).days >= 7 * round.check_in_every_weeks,
        running=round.running_on(day),
    )


@dataclass(frozen=True)
class DraftCircle:
    circle: Circle
    people: list[tuple[User, str]]  # (member, name)
    quality: CircleQuality
    free_time: str  # "2 hours 30 minutes", a week
    meeting_times: list[str]
    mode_labels: list[str]
    problems: list[str]


@dataclass(frozen=True)
class Draft:
    circles: list[DraftCircle]
    unplaced: list[RoundEntry]
    asked_to_move: set[int]
    changed_since_run: int  # people who joined or changed their answers after the last run


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
        memberships = [m for m in circle.memberships.all() if m.member_id in inputs.entries]
        placed.update(item.member_id for item in memberships)
        seats = [inputs.seats[item.member_id] for item in memberships]
        quality = circle_quality(seats, inputs.slot_minutes)
        drafted.append(
            DraftCircle(
                circle=circle,
                people=[(item.member, item.member.display_name) for item in memberships],
                quality=quality,
                free_time=duration_text(quality.common_minutes),
                meeting_times=spans_text(
                    quality.common_slots, zone, round.starts_on, inputs.slot_minutes
                )[:3],
                mode_labels=[mode_labels[pk] for pk in quality.common_modes],
                problems=_hard_rule_problems(round, quality, seats, inputs.avoid),
            )
        )
    unplaced = [entry for member_id, entry in inputs.entries.items() if member_id not in placed]
    asked = set(
        CircleMembership.objects.filter(member_id__in=inputs.entries, wants_different=True)
        .exclude(round=round)
        .values_list("member_id", flat=True)
    )
    finished = round.run_finished_at
    changed = sum(
        1 for entry in inputs.entries.values() if finished and entry.updated_at > finished
    )
    return Draft(circles=drafted, unplaced=unplaced, asked_to_move=asked, changed_since_run=changed)


def _hard_rule_problems(
    round: MatchingRound, quality: CircleQuality, seats: list[Seat], avoid: dict[int, set[int]]
) -> list[str]:
    """What a circle breaks, each to follow its name ("Circle 2 has no hour ...")."""
    problems = []
    if not round.min_size <= quality.size <= round.max_size:
        problems.append(
            f"has {quality.size} people; this round's circles have "
            f"{round.min_size} to {round.max_size}"
        )
    if not quality.common_slots:
        problems.append("has no hour of the week when everyone is free")
    if not (quality.any_mode or quality.common_modes):
        problems.append("has no way of communicating that everyone can use")
    ids = {seat.member_id for seat in seats}
    if any(avoid.get(member_id, set()) & ids for member_id in ids):
        problems.append("breaks a constraint: two of its members must not be in a circle together")
    return problems


FEWEST_ANSWERS_SHOWN = 3
"""Figures from check-ins are shown for a circle only once at least this many of its members
have answered, so no figure is one or two people's own rating."""


@dataclass(frozen=True)
class CircleHealth:
    circle: Circle
    people: int
    answered: int | None  # None: fewer than FEWEST_ANSWERS_SHOWN answered (not how many)
    average: float | None  # of each member's latest rating; None when too few answered
    paused: int
    asked_to_move: list[str]
    shared_comments: list[tuple[str, str]]

    @property
    def too_few_answered(self) -> bool:
        return self.answered is None


def health_of(*, round: MatchingRound) -> list[CircleHealth]:
    """How each circle is going, from check-ins: figures only where enough members answered
    (FEWEST_ANSWERS_SHOWN), comments only where members shared them."""
    by_circle: dict[int, list[CheckIn]] = {}
    for item in check_ins_of_round(round=round):  # newest first
        by_circle.setdefault(item.circle_id, []).append(item)
    shared: dict[int, list[CheckIn]] = {}
    for item in comments_shared(round=round):
        shared.setdefault(item.circle_id, []).append(item)
    health = []
    for circle in circles_of(round=round):
        mine = by_circle.get(circle.pk, [])
        latest: dict[int, CheckIn] = {}
        for item in mine:
            latest.setdefault(item.member_id, item)
        ratings = [item.rating for item in latest.values()]
        enough = len(ratings) >= FEWEST_ANSWERS_SHOWN
        memberships = list(circle.memberships.all())
        health.append(
            CircleHealth(
                circle=circle,
                people=len(memberships),
                answered=len(ratings) if enough else None,
                average=round_to_tenth(sum(ratings) / len(ratings)) if enough else None,
                paused=sum(1 for item in memberships if item.paused),
                asked_to_move=[
                    item.member.display_name for item in memberships if item.wants_different
                ],
                shared_comments=[
                    (item.member.display_name, item.comment or "")
                    for item in shared.get(circle.pk, [])
                ],
            )
        )
    return health


def round_to_tenth(value: float) -> float:
    return round(value, 1)
