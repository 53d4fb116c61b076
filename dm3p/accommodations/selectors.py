import datetime as dt
from typing import Any

from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from dm3p.accommodations.enums import OPEN_STATUSES
from dm3p.accommodations.models import AccommodationRequest, AccommodationType, StandingNeed
from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now, people_active
from dm3p.core.hooks import Panel
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
