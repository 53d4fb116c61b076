"""Gatherings' pages: the list, one gathering, answering, and organizers' pages (see
urls; calendars and answer links have modules of their own)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from dm3p.accounts.requests import MemberRequest
from dm3p.core.access import page_permission, staff_page
from dm3p.core.fields import id_or_404
from dm3p.core.refusals import ServiceRefusal, refusal_show
from dm3p.core.spreadsheets import csv_bytes
from dm3p.core.times import when_text, zone_label
from dm3p.events.calendar import google_calendar_url, outlook_calendar_url
from dm3p.events.enums import RsvpAnswer
from dm3p.events.forms import (
    ResourceForm,
    RsvpForm,
    SeriesForm,
)
from dm3p.events.hooks import attendees_panels_for, event_panels_for, rsvp_next_step
from dm3p.events.models import Event, EventResource
from dm3p.events.selectors import (
    attendees_of,
    attendees_rows,
    calendar_feed_of,
    event_by_pk,
    event_visible_to,
    events_past_visible_to,
    events_upcoming_visible_to,
    meeting_link_visible,
    new_event_time_zone,
    resources_visible_to,
    rsvp_of,
    viewer_time_zone,
)
from dm3p.events.services import (
    resource_add,
    resource_remove,
    rsvp_answer,
    series_create,
)
from dm3p.events.views.calendars import feed_address


def _with_times(events: list[Event], zone: str) -> list[tuple[Event, str]]:
    return [(event, when_text(event.starts_at, event.ends_at, zone)) for event in events]


@login_not_required
def event_list(request: HttpRequest) -> HttpResponse:
    zone = viewer_time_zone(viewer=request.user)
    upcoming = list(events_upcoming_visible_to(viewer=request.user)[:12])
    past = list(events_past_visible_to(viewer=request.user)[:24])
    return render(
        request,
        "events/list.html",
        {
            "upcoming": _with_times(upcoming, zone),
            "past": [
                (event, when, resources_visible_to(event=event, viewer=request.user))
                for event, when in _with_times(past, zone)
            ],
            "zone_label": zone_label(zone),
        },
    )


@login_not_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A gathering: when, how to join and the member's answer at the top; once it has
    ended, its resources instead of answers, requests and "add to calendar"."""
    event = event_visible_to(pk=pk, viewer=request.user)
    if event is None:
        raise Http404
    zone = viewer_time_zone(viewer=request.user, default=event.time_zone)
    rsvp = rsvp_of(event=event, viewer=request.user)
    show_link = meeting_link_visible(event=event, viewer=request.user, rsvp=rsvp)
    has_ended = event.has_ended
    is_member = request.user.has_perm("events.rsvp")
    feed = calendar_feed_of(user=request.user) if is_member and not has_ended else None
    response = render(
        request,
        "events/detail.html",
        {
            "event": event,
            "has_ended": has_ended,
            "when": when_text(event.starts_at, event.ends_at, zone),
            "when_event_zone": when_text(event.starts_at, event.ends_at, event.time_zone)
            if zone != event.time_zone
            else "",
            "rsvp": rsvp,
            "form": RsvpForm(initial={"answer": rsvp.answer if rsvp else None}),
            "can_rsvp": request.user.has_perm("events.answer", event),
            "is_member": is_member,
            "show_link": show_link,
            "panels": event_panels_for(event, request.user),
            "resources": resources_visible_to(event=event, viewer=request.user),
            "places_left": None if event.capacity is None else max(event.capacity - event.going, 0),  # type: ignore[attr-defined]
            "google_url": "" if has_ended else google_calendar_url(event),
            "outlook_url": "" if has_ended else outlook_calendar_url(event),
            "feed_url": feed_address(request, feed),
        },
    )
    if show_link or feed is not None:
        response["Cache-Control"] = "no-store, private"
    return response


@require_POST
@page_permission("events.rsvp", target=event_by_pk)
def rsvp(request: MemberRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    form = RsvpForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose whether you are coming.")
        return redirect("events:detail", pk=pk)
    try:
        answer = rsvp_answer(
            event=event, member=request.user, answer=RsvpAnswer(form.cleaned_data["answer"])
        )
    except ServiceRefusal as refusal:
        refusal_show(refusal, request=request)
        return redirect("events:detail", pk=pk)
    if answer.waitlisted:
        messages.success(
            request,
            "The gathering is full, so you are on the waiting list. "
            "We'll e-mail you if a place opens up.",
        )
    else:
        messages.success(request, f"Your answer is saved: {answer.get_answer_display()}.")
    if answer.answer == RsvpAnswer.GOING:
        next_step = rsvp_next_step(event, request.user)
        if next_step:
            return redirect(next_step)
    return redirect("events:detail", pk=pk)


@staff_page("events.manage_event")
@require_http_methods(["GET", "POST"])
def series_new(request: MemberRequest) -> HttpResponse:
    form = SeriesForm(
        request.POST if request.method == "POST" else None,
        initial={"time_zone": new_event_time_zone(organizer=request.user)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            series = series_create(
                actor=request.user,
                answers=form.answers(),
                first_month=timezone.localdate(),
                months=form.months_to_create(),
            )
        except ServiceRefusal as refusal:
            refusal_show(refusal, form=form)
        else:
            made = series.events.count()
            messages.success(
                request,
                ngettext("One gathering created.", "%(count)d gatherings created.", made)
                % {"count": made},
            )
            return redirect("events:manage")
    return render(request, "events/series_new.html", {"form": form})


@staff_page("events.manage_event")
def attendees(request: MemberRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    return render(
        request,
        "events/attendees.html",
        {
            "event": event,
            "rsvps": attendees_of(event=event),
            "panels": attendees_panels_for(event, request.user),
        },
    )


@staff_page("events.manage_event")
def attendees_csv(request: MemberRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    response = HttpResponse(
        csv_bytes(attendees_rows(event=event)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="attendees-{event.pk}.csv"'
    return response


@staff_page("events.manage_event")
@require_http_methods(["GET", "POST"])
def resources(request: MemberRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    if request.method == "POST" and "remove" in request.POST:
        resource = get_object_or_404(
            EventResource, pk=id_or_404(request.POST.get("remove")), event=event
        )
        resource_remove(actor=request.user, resource=resource)
        messages.success(request, f"“{resource.title}” is removed.")
        return redirect("events:resources", pk=pk)
    form = ResourceForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            resource_add(actor=request.user, event=event, answers=form.answers())
        except ServiceRefusal as refusal:
            refusal_show(refusal, form=form)
        else:
            messages.success(
                request,
                "Added. Members who asked for materials in advance are "
                "sent slides as soon as they are here.",
            )
            return redirect("events:resources", pk=pk)
    return render(
        request,
        "events/resources.html",
        {"event": event, "form": form, "resources": event.resources.all()},
    )


@login_not_required
def resource_file(request: HttpRequest, pk: int, resource_pk: int) -> FileResponse:
    event = event_visible_to(pk=pk, viewer=request.user)
    if event is None:
        raise Http404
    resource = next(
        (
            item
            for item in resources_visible_to(event=event, viewer=request.user)
            if item.pk == resource_pk and item.file
        ),
        None,
    )
    if resource is None:
        raise Http404
    return FileResponse(
        resource.file.open("rb"),
        as_attachment=True,
        filename=str(resource.file.name).rsplit("/", 1)[-1],
    )


@login_not_required
def speaker_photo(request: HttpRequest, pk: int, speaker_pk: int) -> FileResponse:
    event = event_visible_to(pk=pk, viewer=request.user)
    speaker = (
        next((item for item in event.speakers.all() if item.pk == speaker_pk), None)
        if event
        else None
    )
    if speaker is None or not speaker.photo:
        raise Http404
    return FileResponse(speaker.photo.open("rb"))
