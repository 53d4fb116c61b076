"""Factories for matching rounds and circles: real rows made through the app's own models."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.circles.models import Circle, CircleMembership, MatchingRound, RoundEntry
from dm3p.members.enums import TermKind
from dm3p.members.models import Term
from dm3p.members.services import profile_ensure


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


def make_term(kind: TermKind, label: str) -> Term:
    term, _ = Term.objects.get_or_create(kind=kind, label=label)
    return term


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
