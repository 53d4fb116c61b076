"""The circles app's panels on the staff home (core's ``STAFF_HOME_PANELS``): matching
rounds not yet published and where each stands; circles whose check-ins say they are
struggling. Counts only, never who rated what; one and two queries."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone

from dm3p.circles.enums import RunStatus
from dm3p.circles.models import CheckIn, Circle, MatchingRound
from dm3p.circles.selectors.round_pages import FEWEST_ANSWERS_SHOWN, round_to_tenth
from dm3p.circles.selectors.rounds import rounds_all
from dm3p.core.hooks import Panel

# A circle is struggling when its members' latest ratings average below "Okay" (3 of 5).
STRUGGLING_BELOW = 3


def _date(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def round_state(round: MatchingRound, today: dt.date) -> tuple[str, bool]:
    """Where a round not yet published stands, in words, and whether it waits for an
    organizer now (matching to run or a draft to check)."""
    if round.run_pending:
        return "Matching is running.", False
    if round.run_status == RunStatus.FAILED:
        return "Matching stopped with an error: run it again.", True
    if round.run_done:
        return "A draft is ready to check and publish.", True
    if today < round.signup_opens_on:
        return f"Sign-up opens {_date(round.signup_opens_on)}.", False
    if today <= round.signup_closes_on:
        return f"Sign-up is open until {_date(round.signup_closes_on)}.", False
    return "Sign-up has closed: ready to match.", True


@dataclass(frozen=True)
class OpenRound:
    round: MatchingRound
    state: str
    needs_you: bool


def rounds_panel(request: HttpRequest) -> Panel | None:
    """For those who run matching: each round not yet published, with its sign-ups and
    state; one query."""
    viewer: Any = request.user
    if not viewer.has_perm("circles.manage_rounds"):
        return None
    today = timezone.localdate()
    rounds = [
        OpenRound(round, *round_state(round, today))
        for round in rounds_all().filter(published_at__isnull=True).order_by("starts_on", "id")
    ]
    needs_you = sum(1 for item in rounds if item.needs_you)
    return Panel(
        "circles/staff_panel_rounds.html",
        {"rounds": rounds, "needs_you": needs_you},
        quiet=not needs_you,
    )


@dataclass(frozen=True)
class StrugglingCircle:
    circle: Circle
    average: float | None  # None when fewer than FEWEST_ANSWERS_SHOWN answered
    asked_to_move: int


def circles_struggling(*, today: dt.date) -> list[StrugglingCircle]:
    """Circles of published rounds still running whose members' latest ratings average below
    "Okay" (once enough have checked in), or where someone asked for a different circle;
    two queries."""
    running = Q(round__published_at__isnull=False, round__ends_on__gte=today)
    latest: dict[int, dict[int, int]] = {}
    for circle_id, member_id, rating in CheckIn.objects.filter(
        circle__round__published_at__isnull=False, circle__round__ends_on__gte=today
    ).values_list("circle_id", "member_id", "rating"):  # newest first
        latest.setdefault(circle_id, {}).setdefault(member_id, rating)
    circles = (
        Circle.objects.filter(running)
        .select_related("round")
        .only("number", "name", "round__name")
        .annotate(asked_to_move=Count("memberships", filter=Q(memberships__wants_different=True)))
        .order_by("round__starts_on", "round_id", "number")
    )
    struggling = []
    for circle in circles:
        ratings = list(latest.get(circle.pk, {}).values())
        average = (
            round_to_tenth(sum(ratings) / len(ratings))
            if len(ratings) >= FEWEST_ANSWERS_SHOWN
            else None
        )
        low = average is not None and average < STRUGGLING_BELOW
        if low or circle.asked_to_move:
            struggling.append(
                StrugglingCircle(circle, average if low else None, circle.asked_to_move)
            )
    return struggling


def circles_panel(request: HttpRequest) -> Panel | None:
    """For those who run matching: circles whose check-ins say they are struggling."""
    viewer: Any = request.user
    if not viewer.has_perm("circles.manage_rounds"):
        return None
    struggling = circles_struggling(today=timezone.localdate())
    return Panel("circles/staff_panel_circles.html", {"circles": struggling}, quiet=not struggling)
