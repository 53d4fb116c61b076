"""Factories for matching rounds and circles: real rows made through the app's own models."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from dm3p.accounts.models import User
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
from dm3p.members.models import Term
from dm3p.members.services import profile_ensure
from tests.factories import make_user
from tests.factories.events import make_event
from tests.factories.rows import create


def make_round(**fields: Any) -> MatchingRound:
    """A round open for sign-up today, its circles starting in a month."""
    today = timezone.localdate()
    values: dict[str, Any] = {
        "name": "Spring circles",
        "signup_opens_on": today - dt.timedelta(days=3),
        "signup_closes_on": today + dt.timedelta(days=10),
        "starts_on": today + dt.timedelta(days=30),
        "ends_on": today + dt.timedelta(days=200),
        "min_size": 3,
        "max_size": 5,
    }
    values.update(fields)
    return MatchingRound.objects.create(**values)


def make_entry(
    round: MatchingRound,
    member: User,
    *,
    offers: Iterable[Term] = (),
    seeks: Iterable[Term] = (),
    modes: Iterable[Term] = (),
    hours: Iterable[int] = (),
    zone: str = "America/New_York",
) -> RoundEntry:
    """``member`` opted in to ``round`` (given a profile if they had none)."""
    profile_ensure(user=member)
    entry = RoundEntry.objects.create(
        round=round, member=member, availability=sorted(hours), time_zone=zone
    )
    entry.topics_offered.set(offers)
    entry.topics_sought.set(seeks)
    entry.modes.set(modes)
    return entry


def make_circle(round: MatchingRound, members: Iterable[User], *, number: int = 0) -> Circle:
    number = number or (Circle.objects.filter(round=round).count() + 1)
    circle = Circle.objects.create(round=round, number=number)
    for member in members:
        CircleMembership.objects.create(circle=circle, round=round, member=member)
    return circle


def publish(round: MatchingRound) -> MatchingRound:
    """Mark the round published (as if an organizer had), without e-mails."""
    round.published_at = timezone.now()
    round.save(update_fields=["published_at"])
    return round


def make_circle_note(**fields: Any) -> CircleNote:
    """A note in a circle (give ``circle``; by default from no one in particular)."""
    return create(CircleNote, fields, text=lambda: "See you on Tuesday.")


def make_check_in(**fields: Any) -> CheckIn:
    """A member's check-in on their circle (give ``circle`` and ``member``)."""
    return create(CheckIn, fields, rating=lambda: 4)


def make_matching_preferences(**fields: Any) -> MatchingPreferences:
    return create(MatchingPreferences, fields, member=make_user)


def make_breakout_room(**fields: Any) -> BreakoutRoom:
    return create(BreakoutRoom, fields, event=make_event, name=lambda: "Exams")


def make_breakout_choice(**fields: Any) -> BreakoutChoice:
    return create(BreakoutChoice, fields, event=make_event, member=make_user)


def make_breakout_assignment(**fields: Any) -> BreakoutAssignment:
    return create(BreakoutAssignment, fields, room=make_breakout_room, member=make_user)


def make_circle_membership(**fields: Any) -> CircleMembership:
    """A member's place in a circle (give ``circle``; its round is the circle's)."""
    circle = fields["circle"]
    return create(CircleMembership, {"round": circle.round, **fields}, member=make_user)
