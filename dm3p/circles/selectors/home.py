"""A member's home (core's ``HOME_PANELS``): their circle and its next meeting, whether
their check-in is due, and a matching round open for sign-up. Four queries at most."""

import datetime as dt
from typing import Any

from django.db.models import F, Max, Q
from django.http import HttpRequest
from django.utils import timezone

from dm3p.accounts.rules import is_member
from dm3p.circles.models import Circle, CircleMembership, RoundEntry
from dm3p.circles.selectors.rounds import rounds_open_on
from dm3p.core.hooks import Panel
from dm3p.core.times import moment_text
from dm3p.members.selectors.profiles import zone_of

# A meeting stays "next" for a while after it starts, so its link is there to join late.
MEETING_SHOWN_AFTER_START = dt.timedelta(hours=3)


def next_meeting_text(*, circle: Circle, viewer: Any) -> str:
    """When the circle's next meeting is, in the viewer's zone; "" when none is set or the
    one set is over."""
    at = circle.next_meeting_at
    if at is None or at + MEETING_SHOWN_AFTER_START < timezone.now():
        return ""
    return moment_text(at, zone_of(viewer))


def circle_panel(request: HttpRequest) -> Panel | None:
    viewer: Any = request.user
    if not is_member(viewer):
        return None
    day = timezone.localdate()
    membership = (
        CircleMembership.objects.filter(
            member=viewer,
            circle__round__published_at__isnull=False,
            circle__round__ends_on__gte=day,
        )
        .select_related("circle__round")
        .annotate(
            last=Max(
                "member__check_ins__created_at", filter=Q(member__check_ins__circle=F("circle"))
            )
        )
        .order_by("circle__round__starts_on", "id")
        .first()
    )
    check_in_due = False
    next_meeting = ""
    if membership is not None:
        next_meeting = next_meeting_text(circle=membership.circle, viewer=viewer)
        round = membership.circle.round
        since = timezone.localdate(membership.last) if membership.last else round.starts_on
        check_in_due = (
            not membership.paused
            and round.starts_on <= day
            and (day - since).days >= 7 * round.check_in_every_weeks
        )
    open_round = rounds_open_on(day=day).first()
    signed_up = (
        open_round is not None
        and RoundEntry.objects.filter(round=open_round, member=viewer).exists()
    )
    return Panel(
        "circles/panel_circle.html",
        {
            "membership": membership,
            "check_in_due": check_in_due,
            "next_meeting": next_meeting,
            "open_round": open_round,
            "signed_up": signed_up,
        },
    )
