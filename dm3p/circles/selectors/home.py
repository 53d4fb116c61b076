"""A member's home (core's ``HOME_PANELS``): their circle, whether their check-in is due,
and a matching round open for sign-up. Three queries at most."""

from typing import Any

from django.db.models import F, Max, Q
from django.http import HttpRequest
from django.utils import timezone

from dm3p.accounts.rules import is_member
from dm3p.circles.models import CircleMembership, RoundEntry
from dm3p.circles.selectors.rounds import rounds_open_on
from dm3p.core.hooks import Panel


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
    if membership is not None:
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
            "open_round": open_round,
            "signed_up": signed_up,
        },
    )
