"""Coordinators' view of one gathering: its requests kind by kind, quick confirmation, the
reminder that long gatherings need interpreters in teams, and the check list for the day."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from dm3p.accommodations.enums import OPEN_STATUSES, RequestStatus
from dm3p.accommodations.models import AccommodationRequest, AccommodationType
from dm3p.accommodations.selectors import (
    CONFIRMED_STATUSES,
    checklist_due,
    is_at_risk,
    needs_team,
    requests_for_event,
)
from dm3p.accommodations.services import request_confirm
from dm3p.accounts.requests import MemberRequest
from dm3p.core.access import staff_page
from dm3p.core.times import when_text
from dm3p.events.models import Event
from dm3p.events.selectors import viewer_time_zone


class KindGroup:
    """One kind of support asked for at a gathering, with its requests."""

    def __init__(self, kind: AccommodationType, event: Event) -> None:
        self.kind = kind
        self.rows: list[tuple[AccommodationRequest, bool]] = []
        self.event = event

    @property
    def confirmed(self) -> int:
        return sum(item.status in CONFIRMED_STATUSES for item, _ in self.rows)

    @property
    def waiting(self) -> int:
        return sum(item.status in OPEN_STATUSES for item, _ in self.rows)

    @property
    def not_possible(self) -> int:
        return sum(item.status == RequestStatus.NOT_POSSIBLE for item, _ in self.rows)

    @property
    def team_needed(self) -> bool:
        return needs_team(self.event, self.kind) and bool(self.confirmed or self.waiting)


@staff_page("accommodations.coordinate")
@require_http_methods(["GET", "POST"])
def event_summary(request: MemberRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    items = list(requests_for_event(event=event))
    if request.method == "POST":
        wanted = request.POST.get("confirm", "")
        item = next((item for item in items if str(item.pk) == wanted), None)
        if item is None:
            messages.info(request, "That request is no longer here.")
        elif item.status in CONFIRMED_STATUSES:
            messages.info(request, f"{item.kind.label} for {item.member} is confirmed already.")
        elif item.status == RequestStatus.NOT_POSSIBLE or event.ends_at <= timezone.now():
            # The quick button is offered for neither; a stale or hand-made form changes
            # nothing, and the request's own page is where such a change is made.
            messages.info(
                request,
                f"{item.kind.label} for {item.member} can't be confirmed from here. Open the "
                "request to change it.",
            )
        else:
            request_confirm(request=item, actor=request.user)
            messages.success(
                request,
                f"{item.kind.label} for {item.member} is confirmed; they are told by e-mail.",
            )
        return redirect("accommodations:event_summary", pk=pk)
    groups: dict[int, KindGroup] = {}
    for item in items:
        groups.setdefault(item.kind_id, KindGroup(item.kind, event)).rows.append(
            (item, is_at_risk(item))
        )
    zone = viewer_time_zone(viewer=request.user)
    return render(
        request,
        "accommodations/event_summary.html",
        {
            "event": event,
            "when": when_text(event.starts_at, event.ends_at, zone),
            "groups": list(groups.values()),
            "checklist": [item for item in items if item.status == RequestStatus.CONFIRMED]
            if checklist_due(event=event)
            else None,
            "ended": event.has_ended,
        },
    )
