"""The accommodations app's panels on the staff home (core's ``STAFF_HOME_PANELS``): for
coordinators, the open requests whose "ask by" date comes soonest and those at risk; for
organizers and coordinators, the kinds of support asked for at the next gathering, as
counts. Neither names the member who asked nor says what they wrote. Two queries each."""

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count
from django.http import HttpRequest
from django.utils import timezone

from dm3p.accommodations.enums import OPEN_STATUSES, RequestStatus
from dm3p.accommodations.models import AccommodationRequest
from dm3p.accommodations.selectors import is_at_risk
from dm3p.core.hooks import Panel
from dm3p.core.times import day
from dm3p.events.selectors import viewer_time_zone
from dm3p.events.staff_home import gathering_next

SOONEST_SHOWN = 5


@dataclass(frozen=True)
class DueRequest:
    request: AccommodationRequest
    ask_by: str  # "Tuesday 2 December 2026"
    ask_by_passed: bool
    at_risk: bool


def _open_requests(now: dt.datetime) -> list[AccommodationRequest]:
    """Open requests for gatherings still to come, without what members wrote: one query."""
    return list(
        AccommodationRequest.objects.filter(status__in=OPEN_STATUSES, event__ends_at__gte=now)
        .select_related("event", "kind")
        .only(
            "status",
            "is_late",
            "needs_reconfirmation",
            "event__title",
            "event__starts_at",
            "kind__label",
            "kind__lead_days",
        )
    )


def access_requests_panel(request: HttpRequest) -> Panel | None:
    """For coordinators: how many requests are open and at risk, and those whose "ask by"
    date comes soonest (or has passed), each linked to its page."""
    viewer: Any = request.user
    if not viewer.has_perm("accommodations.coordinate"):
        return None
    now = timezone.now()
    zone = ZoneInfo(viewer_time_zone(viewer=viewer, default=settings.TIME_ZONE))
    due = []
    for item in _open_requests(now):
        deadline = item.kind.deadline_for(item.event)
        due.append(
            (
                deadline,
                item.pk,
                DueRequest(
                    request=item,
                    ask_by=day(deadline.astimezone(zone)),
                    ask_by_passed=deadline < now,
                    at_risk=is_at_risk(item, now),
                ),
            )
        )
    due.sort(key=lambda row: (row[0], row[1]))
    rows = [row[2] for row in due]
    return Panel(
        "accommodations/staff_panel_requests.html",
        {
            "open": len(rows),
            "at_risk": sum(1 for row in rows if row.at_risk),
            "soonest": rows[:SOONEST_SHOWN],
        },
        quiet=not rows,
    )


@dataclass(frozen=True)
class KindCount:
    label: str
    asked: int
    arranged: int  # confirmed or provided
    not_possible: int

    @property
    def open(self) -> int:
        return self.asked - self.arranged - self.not_possible


ARRANGED = {RequestStatus.CONFIRMED, RequestStatus.PROVIDED}


def support_asked_panel(request: HttpRequest) -> Panel | None:
    """For those who run gatherings or coordinate access: the kinds of support asked for at
    the next gathering and how far each is arranged, as counts (never who asked)."""
    viewer: Any = request.user
    if not (viewer.has_perm("events.manage_event") or viewer.has_perm("accommodations.coordinate")):
        return None
    event = gathering_next()
    kinds: dict[str, KindCount] = {}
    if event is not None:
        rows = (
            AccommodationRequest.objects.filter(event=event)
            .values("kind__label", "kind__order", "status")
            .annotate(count=Count("id"))
            .order_by("kind__order", "kind__label")
        )
        for row in rows:
            label, status, count = row["kind__label"], row["status"], row["count"]
            before = kinds.get(label, KindCount(label, 0, 0, 0))
            kinds[label] = KindCount(
                label,
                before.asked + count,
                before.arranged + (count if status in ARRANGED else 0),
                before.not_possible + (count if status == RequestStatus.NOT_POSSIBLE else 0),
            )
    return Panel(
        "accommodations/staff_panel_support.html",
        {
            "event": event,
            "kinds": list(kinds.values()),
            "can_coordinate": viewer.has_perm("accommodations.coordinate"),
        },
        quiet=not kinds,
    )
