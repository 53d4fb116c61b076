from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from dm3p.accounts.requests import MemberRequest
from dm3p.circles.forms import ChoiceForm, RoomForm
from dm3p.circles.models import BreakoutRoom
from dm3p.circles.selectors import choice_of, rooms_of, rooms_with_people
from dm3p.circles.services import (
    TooBigForZoomError,
    choice_save,
    room_remove,
    room_save,
    rooms_assign,
    zoom_csv,
)
from dm3p.core.access import staff_page
from dm3p.events.models import Event
from dm3p.events.selectors import event_visible_to


@staff_page("circles.manage_breakouts")
@require_http_methods(["GET", "POST"])
def breakouts(request: MemberRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    action = request.POST.get("action")
    form = RoomForm(request.POST if action == "add" else None, event=event)
    if action == "remove":
        room = get_object_or_404(BreakoutRoom, pk=request.POST.get("room", ""), event=event)
        room_remove(actor=request.user, room=room)
        messages.success(request, f"“{room.name}” is removed.")
        return redirect("circles:breakouts", pk=pk)
    if action == "assign":
        try:
            result = rooms_assign(actor=request.user, event=event)
        except TooBigForZoomError as problem:
            messages.error(request, str(problem))
        else:
            left = "; ".join(f"{person}: {reason}" for person, reason in result.unassigned)
            messages.success(
                request,
                f"{result.placed} people placed." + (f" Not placed: {left}." if left else ""),
            )
        return redirect("circles:breakouts", pk=pk)
    if action == "add" and form.is_valid():
        room_save(actor=request.user, room=form.instance, values=form.cleaned_data)
        messages.success(request, "Room added.")
        return redirect("circles:breakouts", pk=pk)
    return render(
        request,
        "circles/breakouts.html",
        {"event": event, "rooms": rooms_with_people(event=event), "form": form},
    )


@staff_page("circles.manage_breakouts")
def zoom_file(request: MemberRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    try:
        content = zoom_csv(event=event)
    except TooBigForZoomError as problem:
        messages.error(request, str(problem))
        return redirect("circles:breakouts", pk=pk)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="breakout-rooms-{event.pk}.csv"'
    return response


@require_http_methods(["GET", "POST"])
def choose(request: MemberRequest, pk: int) -> HttpResponse:
    event = event_visible_to(pk=pk, viewer=request.user)
    if event is None or not request.user.has_perm("events.rsvp"):
        raise Http404
    rooms = rooms_of(event=event)
    if not rooms.exists():
        raise Http404
    current = choice_of(event=event, member=request.user)
    ranked = current.ranked_rooms if current else []
    form = ChoiceForm(
        request.POST if request.method == "POST" else None,
        rooms=rooms,
        initial={
            "first": ranked[0] if ranked else None,
            "second": ranked[1] if len(ranked) > 1 else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        choice_save(member=request.user, event=event, ranked_rooms=form.ranked())
        messages.success(request, "Your choice of small group is saved.")
        return redirect("events:detail", pk=pk)
    return render(request, "circles/choose.html", {"event": event, "form": form, "rooms": rooms})
