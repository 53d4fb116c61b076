import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.core.hooks import Panel
from dm3p.core.selectors import site_time_zone
from dm3p.core.times import when_text
from dm3p.events.enums import (
    EventStatus,
    EventVisibility,
    ResourceAudience,
    RsvpAnswer,
)
from dm3p.events.models import CalendarFeed, Event, EventResource, EventSeries, Rsvp
from dm3p.members.models import Profile


def _visible(viewer: Any) -> QuerySet[Event]:
    events = Event.objects.all()
    if not viewer.has_perm("events.view_member_events"):
        events = events.filter(visibility=EventVisibility.PUBLIC)
    return events


def events_visible_to(*, viewer: Any) -> QuerySet[Event]:
    """Every gathering ``viewer`` may see, past and future, for other apps' queries (a
    gathering's thread is for those who can see the gathering)."""
    return _visible(viewer)


def events_upcoming_visible_to(*, viewer: Any, now: dt.datetime | None = None) -> QuerySet[Event]:
    return _visible(viewer).filter(ends_at__gte=now or timezone.now()).order_by("starts_at")


def events_past_visible_to(*, viewer: Any, now: dt.datetime | None = None) -> QuerySet[Event]:
    return (
        _visible(viewer)
        .filter(ends_at__lt=now or timezone.now())
        .prefetch_related("resources")
        .order_by("-starts_at")
    )


def event_by_pk(pk: int) -> Event | None:
    """The gathering a page is about, for the page's guard: the rules decide who may see
    it (``page_permission(..., target=event_by_pk)``)."""
    return Event.objects.filter(pk=pk).first()


def event_visible_to(*, pk: int, viewer: Any) -> Event | None:
    return (
        _visible(viewer)
        .prefetch_related("segments", "speakers", "resources")
        .annotate(
            going=Count("rsvps", filter=Q(rsvps__answer=RsvpAnswer.GOING, rsvps__waitlisted=False))
        )
        .filter(pk=pk)
        .first()
    )


def rsvp_of(*, event: Event, viewer: Any) -> Rsvp | None:
    if not viewer.is_authenticated:
        return None
    return Rsvp.objects.filter(event=event, member=viewer).first()


def meeting_link_visible(*, event: Event, viewer: Any, rsvp: Rsvp | None) -> bool:
    """Approved members see the link; for "registered only" events, those coming."""
    if not viewer.has_perm("events.rsvp") or event.is_cancelled:
        return False
    if event.link_only_for_those_coming:
        return rsvp is not None and rsvp.answer == RsvpAnswer.GOING and not rsvp.waitlisted
    return True


def meeting_link_for(*, event: Event, viewer: Any, rsvp: Rsvp | None) -> str:
    """The meeting link where ``viewer`` may see it (pages, feeds, reminders), else ""."""
    if meeting_link_visible(event=event, viewer=viewer, rsvp=rsvp):
        return event.meeting_url or ""
    return ""


def rsvps_by_event(*, member: Any, events: list[Event]) -> dict[int, Rsvp]:
    return {rsvp.event_id: rsvp for rsvp in Rsvp.objects.filter(member=member, event__in=events)}


def viewer_time_zone(*, viewer: Any, default: str | None = None) -> str:
    """The zone the viewer chose in their profile, else ``default``, else the program's."""
    zone = (
        Profile.objects.filter(user=viewer).values_list("time_zone", flat=True).first()
        if viewer.is_authenticated
        else None
    )
    return zone or default or site_time_zone()


def new_event_time_zone(*, organizer: Any) -> str:
    """Where a new one-off gathering starts unless the organizer says otherwise: the
    organizer's own zone, else that of the latest monthly series, else the program's."""
    series_zone = EventSeries.objects.order_by("-created_at", "-id").values_list(
        "time_zone", flat=True
    )
    return viewer_time_zone(viewer=organizer, default=series_zone.first())


def events_for_organizers() -> QuerySet[Event]:
    """Every gathering with its counts, latest first."""
    return Event.objects.annotate(
        going=Count("rsvps", filter=Q(rsvps__answer=RsvpAnswer.GOING, rsvps__waitlisted=False)),
        waiting=Count("rsvps", filter=Q(rsvps__waitlisted=True)),
    ).order_by("-starts_at")


def events_coming_for_organizers(*, now: dt.datetime | None = None) -> QuerySet[Event]:
    """Gatherings not yet over, soonest first."""
    events = events_for_organizers().filter(ends_at__gte=now or timezone.now())
    return events.order_by("starts_at", "id")


def events_past_for_organizers(*, now: dt.datetime | None = None) -> QuerySet[Event]:
    """Gatherings that are over, latest first."""
    events = events_for_organizers().filter(ends_at__lt=now or timezone.now())
    return events.order_by("-starts_at", "-id")


def attendees_of(*, event: Event) -> QuerySet[Rsvp]:
    return (
        Rsvp.objects.filter(event=event)
        .select_related("member__profile")
        .order_by("answer", "waitlisted", "answered_at")
    )


def attendees_rows(*, event: Event) -> list[list[str]]:
    """The attendee list as rows for a spreadsheet, with its header."""
    rows = [["Name", "E-mail address", "Answer", "Waiting list"]]
    for item in attendees_of(event=event):
        profile = getattr(item.member, "profile", None)
        rows.append(
            [
                profile.display_name if profile else item.member.name,
                item.member.email,
                item.get_answer_display(),
                "yes" if item.waitlisted else "no",
            ]
        )
    return rows


def calendar_feed_of(*, user: Any) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def feed_owner(*, token_hash: str) -> CalendarFeed | None:
    return CalendarFeed.objects.select_related("user").filter(token_hash=token_hash).first()


def events_for_feed(*, viewer: Any) -> QuerySet[Event]:
    """Everything from three months ago on: calendars keep past events they already have."""
    since = timezone.now() - dt.timedelta(days=90)
    return _visible(viewer).filter(ends_at__gte=since).order_by("starts_at")


def resources_visible_to(*, event: Event, viewer: Any) -> list[EventResource]:
    resources = event.resources.all()
    if not viewer.has_perm("events.view_member_events"):
        return [item for item in resources if item.audience == ResourceAudience.PUBLIC]
    return list(resources)


def answer_link_target(*, event_id: int, member_id: int) -> tuple[Event, User] | None:
    """The gathering and member an answer link names, while the member may still answer
    and see that gathering; else None (the link no longer works)."""
    member = User.objects.filter(pk=member_id).first()
    if member is None or not member.has_perm("events.rsvp"):
        return None
    event = _visible(member).filter(pk=event_id).first()
    return None if event is None else (event, member)


# Panels on the front page and on a person's home (core's FRONT_PAGE_PANELS, HOME_PANELS).


def _next_gathering(events: QuerySet[Event]) -> Event | None:
    return (
        events.filter(ends_at__gte=timezone.now())
        .exclude(status=EventStatus.CANCELLED)
        .prefetch_related("speakers")
        .order_by("starts_at", "id")
        .first()
    )


def _gathering_panel(event: Event | None, request: HttpRequest, *, on_home: bool) -> Panel:
    zone = viewer_time_zone(viewer=request.user, default=settings.TIME_ZONE)
    return Panel(
        "events/panel_next_gathering.html",
        {
            "event": event,
            "when": when_text(event.starts_at, event.ends_at, zone) if event else "",
            "speakers": list(event.speakers.all()) if event else [],
            "rsvp": rsvp_of(event=event, viewer=request.user) if event and on_home else None,
            "can_rsvp": on_home and request.user.has_perm("events.rsvp"),
            "on_home": on_home,
        },
    )


def front_page_panel(request: HttpRequest) -> Panel:
    """The next public gathering, whoever looks (three queries at most): a members-only one
    is never on the front page."""
    event = _next_gathering(Event.objects.filter(visibility=EventVisibility.PUBLIC))
    return _gathering_panel(event, request, on_home=False)


def home_panel(request: HttpRequest) -> Panel:
    """The next gathering the person may see, with their answer (four queries at most)."""
    return _gathering_panel(_next_gathering(_visible(request.user)), request, on_home=True)
