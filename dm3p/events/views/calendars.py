"""Gatherings in calendars: one gathering's .ics file, the public feed, a member's private
feed and the page that gives its address."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from dm3p.accounts.requests import MemberRequest
from dm3p.core.access import page_permission
from dm3p.events.calendar import calendar_bytes
from dm3p.events.models import CalendarFeed, Event
from dm3p.events.selectors import (
    calendar_feed_of,
    event_visible_to,
    events_for_feed,
    feed_owner,
    meeting_link_for,
    rsvp_of,
    rsvps_by_event,
)
from dm3p.events.services import calendar_feed_reset, feed_token_hash

CALENDAR_TYPE = "text/calendar; charset=utf-8"


@login_not_required
def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """One gathering, with its meeting link for those who may see it (as in their feed)."""
    event = event_visible_to(pk=pk, viewer=request.user)
    if event is None:
        raise Http404
    link = meeting_link_for(
        event=event, viewer=request.user, rsvp=rsvp_of(event=event, viewer=request.user)
    )
    response = HttpResponse(
        calendar_bytes([event], name=event.title, meeting_link_for=lambda item: link),
        content_type=CALENDAR_TYPE,
    )
    response["Content-Disposition"] = f'attachment; filename="gathering-{event.pk}.ics"'
    if link:
        response["Cache-Control"] = "no-store, private"
    return response


@login_not_required
def public_feed(request: HttpRequest) -> HttpResponse:
    """Public events only, never with a meeting link."""
    events = events_for_feed(viewer=AnonymousUser())
    return HttpResponse(calendar_bytes(events, name="Gatherings"), content_type=CALENDAR_TYPE)


def feed_by_token(token: str) -> CalendarFeed | None:
    return feed_owner(token_hash=feed_token_hash(token))


@login_not_required
@page_permission("events.open_feed", target=feed_by_token)
def private_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A member's own feed, reached by its secret address, with meeting links. Once reset,
    or once the member is suspended, the address stops working (404)."""
    feed = feed_by_token(token)
    if feed is None:  # reset since the guard looked
        raise Http404
    member = feed.user
    events = list(events_for_feed(viewer=member))
    rsvps = rsvps_by_event(member=member, events=events)

    def link_for(event: Event) -> str:
        return meeting_link_for(event=event, viewer=member, rsvp=rsvps.get(event.pk))

    response = HttpResponse(
        calendar_bytes(events, name="Gatherings (yours)", meeting_link_for=link_for),
        content_type=CALENDAR_TYPE,
    )
    response["Cache-Control"] = "no-store, private"
    return response


def feed_address(request: HttpRequest, feed: CalendarFeed | None) -> str:
    """The full secret address of a member's feed ("" without one)."""
    if feed is None:
        return ""
    return request.build_absolute_uri(reverse("events:private_feed", args=[feed.token]))


@require_http_methods(["GET", "POST"])
@page_permission("events.rsvp")
def calendar_page(request: MemberRequest) -> HttpResponse:
    if request.method == "POST":
        had_one = calendar_feed_of(user=request.user) is not None
        calendar_feed_reset(user=request.user)
        messages.success(
            request,
            "Your calendar address is new. Subscribe again with it; "
            "the old one has stopped working."
            if had_one
            else "Your calendar address is ready. Add it to your calendar app below.",
        )
        return redirect("events:calendar")
    url = feed_address(request, calendar_feed_of(user=request.user))
    response = render(
        request,
        "events/calendar.html",
        {
            "feed_url": url,
            "webcal_url": url.replace("https://", "webcal://").replace("http://", "webcal://"),
            "public_url": request.build_absolute_uri(reverse("events:public_feed")),
        },
    )
    response["Cache-Control"] = "no-store, private"
    return response
