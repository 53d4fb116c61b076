import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from dm3p.accommodations.enums import OPEN_STATUSES, RequestStatus
from dm3p.accommodations.models import (
    AccommodationRequest,
    AccommodationType,
    RequestQuestion,
    StandingNeed,
)
from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now, people_active
from dm3p.core.hooks import Panel
from dm3p.core.models import AuditEntry
from dm3p.events.models import Event
from dm3p.events.selectors import events_upcoming_visible_to

AT_RISK_DAYS = 3


def types_requestable() -> QuerySet[AccommodationType]:
    return AccommodationType.objects.filter(is_active=True, provided_by_default=False)


def types_by_default() -> QuerySet[AccommodationType]:
    return AccommodationType.objects.filter(is_active=True, provided_by_default=True)


def requests_of(*, member: Any, event: Event) -> QuerySet[AccommodationRequest]:
    return AccommodationRequest.objects.filter(member=member, event=event).select_related("kind")


def standing_needs_of(*, member: Any) -> QuerySet[StandingNeed]:
    return StandingNeed.objects.filter(member=member).select_related("kind")


def request_counts_for(*, event: Event) -> list[tuple[str, int]]:
    """How many asked for each kind (what organizers may see: counts, never names)."""
    rows = (
        AccommodationRequest.objects.filter(event=event)
        .exclude(status="not_possible")
        .values("kind__label")
        .annotate(count=Count("id"))
        .order_by("kind__label")
    )
    return [(row["kind__label"], row["count"]) for row in rows]


def queue_for_coordinators(*, show_closed: bool = False) -> QuerySet[AccommodationRequest]:
    """Requests for gatherings still to come, the soonest first."""
    requests = AccommodationRequest.objects.select_related(
        "event", "member", "kind", "owner"
    ).filter(event__ends_at__gte=timezone.now())
    if not show_closed:
        requests = requests.filter(status__in=OPEN_STATUSES)
    return requests.order_by("event__starts_at", "created_at")


def is_at_risk(request: AccommodationRequest, now: dt.datetime | None = None) -> bool:
    """Not yet confirmed, with the gathering close or the request late."""
    now = now or timezone.now()
    return request.status in OPEN_STATUSES and (
        request.is_late
        or request.needs_reconfirmation
        or request.event.starts_at - now < dt.timedelta(days=AT_RISK_DAYS)
    )


def request_for_coordinator(*, pk: int) -> AccommodationRequest | None:
    return (
        AccommodationRequest.objects.select_related("event", "member", "kind", "owner")
        .filter(pk=pk)
        .first()
    )


def coordinators() -> QuerySet[User]:
    return User.objects.filter(is_coordinator=True).order_by("name")


def coordinators_active() -> QuerySet[User]:
    """Coordinators who can act now (not suspended): those alerted to new requests."""
    return people_active().filter(is_coordinator=True).order_by("name")


def member_by_email(*, email: str) -> User | None:
    """A member now (or ally) with this address, for recording a request for them."""
    return members_now().filter(email__iexact=email).first()


def events_to_record_for(*, viewer: Any) -> QuerySet[Event]:
    return Event.objects.filter(pk__in=events_upcoming_visible_to(viewer=viewer).values("pk"))


def types_all() -> QuerySet[AccommodationType]:
    return AccommodationType.objects.all()


def home_panel(request: HttpRequest) -> Panel | None:
    """A member's access requests for gatherings to come, with how each stands (one
    query), on their home."""
    viewer: Any = request.user
    if not viewer.has_perm("accommodations.request"):
        return None
    upcoming = list(
        AccommodationRequest.objects.filter(member=viewer, event__ends_at__gte=timezone.now())
        .select_related("event", "kind")
        .order_by("event__starts_at", "id")[:6]
    )
    return Panel("accommodations/panel_requests.html", {"requests": upcoming})


def access_step_private(*, viewer: Any, member: User, by_link: bool) -> bool:
    """Whether the access step may show the member's health (usual needs, earlier requests,
    open questions): always signed in as themselves; by an e-mailed link only when the
    member is the one signed in (the link may have been forwarded, or opened in a shared
    inbox)."""
    return not by_link or viewer.pk == member.pk


TEAM_AFTER = dt.timedelta(hours=1)
CONFIRMED_STATUSES = [RequestStatus.CONFIRMED, RequestStatus.PROVIDED]


def needs_team(event: Event, kind: AccommodationType) -> bool:
    """Sign language interpreters take turns: over an hour it takes two."""
    return kind.needs_team_over_an_hour and event.duration > TEAM_AFTER


@dataclass
class SupportCount:
    """How many asked for one kind of support at one gathering, and how those requests
    stand: counts only, never who (what organizers may see)."""

    label: str
    confirmed: int = 0
    waiting: int = 0
    not_possible: int = 0
    team_needed: bool = False

    @property
    def asked(self) -> int:
        return self.confirmed + self.waiting + self.not_possible

    @property
    def states(self) -> str:
        parts = [
            f"{count} {word}"
            for count, word in (
                (self.confirmed, "confirmed"),
                (self.waiting, "waiting"),
                (self.not_possible, "not possible"),
            )
            if count
        ]
        return ", ".join(parts)


def support_counts_for(*, event: Event) -> list[SupportCount]:
    """Each kind asked for at a gathering with how many requests are confirmed, waiting or
    not possible (one query)."""
    rows = (
        AccommodationRequest.objects.filter(event=event)
        .values("kind_id", "kind__label", "kind__order", "kind__needs_team_over_an_hour", "status")
        .annotate(count=Count("id"))
        .order_by("kind__order", "kind__label")
    )
    counts: dict[int, SupportCount] = {}
    long = event.duration > TEAM_AFTER
    for row in rows:
        item = counts.setdefault(row["kind_id"], SupportCount(label=row["kind__label"]))
        if row["status"] in CONFIRMED_STATUSES:
            item.confirmed += row["count"]
        elif row["status"] == RequestStatus.NOT_POSSIBLE:
            item.not_possible += row["count"]
        else:
            item.waiting += row["count"]
        item.team_needed = long and row["kind__needs_team_over_an_hour"]
    for item in counts.values():
        item.team_needed = item.team_needed and bool(item.confirmed or item.waiting)
    return list(counts.values())


def requests_for_event(*, event: Event) -> QuerySet[AccommodationRequest]:
    """A gathering's requests for its coordinators, kind by kind, oldest first."""
    return (
        AccommodationRequest.objects.filter(event=event)
        .select_related("event", "member", "kind", "owner")
        .order_by("kind__order", "kind__label", "created_at", "id")
    )


def checklist_due(*, event: Event, now: dt.datetime | None = None) -> bool:
    """The confirmed support is to be checked on the day, and for the next gathering with
    requests (so a coordinator can check it the day before)."""
    now = now or timezone.now()
    if event.ends_at <= now or event.is_cancelled:
        return False
    if event.starts_at - now <= dt.timedelta(days=1):
        return True
    return not (
        AccommodationRequest.objects.filter(
            event__ends_at__gt=now, event__starts_at__lt=event.starts_at
        )
        .exclude(event=event)
        .exists()
    )


def next_event_with_requests(*, now: dt.datetime | None = None) -> Event | None:
    """The next gathering (or the one on now) that anyone asked for support at."""
    now = now or timezone.now()
    return (
        Event.objects.filter(
            ends_at__gt=now,
            pk__in=AccommodationRequest.objects.values("event_id"),
        )
        .order_by("starts_at", "id")
        .first()
    )


HISTORY_ACTIONS = {
    "accommodation.request": "Asked",
    "accommodation.update": "Changed",
    "accommodation.question": "Asked the member a question",
    "accommodation.answer": "Answered the question",
}

# The request's fields, as coordinators say them.
FIELD_WORDS = {
    "status": "status",
    "owner": "coordinator in charge",
    "provider_notes": "notes on the provider",
    "provider_names": "who provides it",
    "link_sent": "link sent",
    "not_possible_reason": "why it is not possible",
}


@dataclass(frozen=True)
class HistoryLine:
    when: dt.datetime
    who: str
    what: str


def request_history(*, request: AccommodationRequest) -> list[HistoryLine]:
    """Who did what to a request, and when, newest first, from the audit log (field names,
    never their values); openings of the request are left out (one query)."""
    entries = (
        AuditEntry.objects.filter(
            object_type=AccommodationRequest._meta.label_lower,
            object_id=str(request.pk),
            action__in=HISTORY_ACTIONS,
        )
        .select_related("actor")
        .order_by("-created_at", "-id")
    )
    lines = []
    for entry in entries:
        what = HISTORY_ACTIONS[entry.action]
        if entry.action == "accommodation.update" and entry.fields:
            words = [words for name, words in FIELD_WORDS.items() if name in entry.fields]
            what = "Changed " + ", ".join(words)
        if entry.action == "accommodation.request" and request.recorded_by_id is not None:
            what = "Recorded the request"
        who = str(entry.actor) if entry.actor is not None else "The site"
        lines.append(HistoryLine(when=entry.created_at, who=who, what=what))
    return lines


def questions_of(*, request: AccommodationRequest) -> QuerySet[RequestQuestion]:
    return RequestQuestion.objects.filter(request=request).select_related("asked_by", "answered_by")


def question_for_coordinator(*, request: AccommodationRequest, pk: int) -> RequestQuestion | None:
    return RequestQuestion.objects.filter(request=request, pk=pk, answer__isnull=True).first()


def questions_waiting_for(*, member: Any, event: Event) -> QuerySet[RequestQuestion]:
    """Questions the coordinators asked a member about their requests at one gathering,
    still unanswered."""
    return RequestQuestion.objects.filter(
        request__member=member, request__event=event, answer__isnull=True
    ).select_related("request__kind")


def question_of_member(*, member: Any, event: Event, pk: int) -> RequestQuestion | None:
    return questions_waiting_for(member=member, event=event).filter(pk=pk).first()
