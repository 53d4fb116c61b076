from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from dm3p.accounts.models import User
from dm3p.accounts.requests import MemberRequest
from dm3p.circles.forms.breakouts import ChoiceForm, RoomForm
from dm3p.circles.models import BreakoutRoom
from dm3p.circles.reasons import INTERPRETER_REASONS
from dm3p.circles.selectors.breakouts import choice_of, room_rows, rooms_of
from dm3p.circles.services.breakouts import (
    choice_save,
    room_add,
    room_move,
    room_remove,
    rooms_assign,
    zoom_csv,
)
from dm3p.core.access import page_permission, staff_page
from dm3p.core.fields import id_or_404
from dm3p.core.refusals import ServiceRefusal, refusal_show
from dm3p.events.models import Event
from dm3p.events.selectors import event_visible_to


@staff_page("circles.manage_breakouts")
@require_http_methods(["GET", "POST"])
def breakouts(request: MemberRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    action = request.POST.get("action")
    form = RoomForm(request.POST if action == "add" else None, event=event)
    if action == "remove":
        room = get_object_or_404(BreakoutRoom, pk=id_or_404(request.POST.get("room")), event=event)
        room_remove(actor=request.user, room=room)
        messages.success(request, f"“{room.name}” is removed.")
        return redirect("circles:breakouts", pk=pk)
    if action == "move":
        _move(request, event)
        return redirect("circles:breakouts", pk=pk)
    if action == "assign":
        try:
            outcome = rooms_assign(actor=request.user, event=event)
        except ServiceRefusal as refusal:
            refusal_show(refusal, request=request)
        else:
            messages.success(
                request,
                ngettext("One person placed.", "%(count)d people placed.", outcome.done)
                % {"count": outcome.done}
                + _not_placed_words(request, outcome.refused),
            )
        return redirect("circles:breakouts", pk=pk)
    if action == "add" and form.is_valid():
        try:
            room_add(actor=request.user, event=event, answers=form.answers())
        except ServiceRefusal as refusal:
            refusal_show(refusal, form=form)
        else:
            messages.success(request, "Room added.")
            return redirect("circles:breakouts", pk=pk)
    return render(
        request,
        "circles/breakouts.html",
        {"event": event, "rooms": room_rows(event=event), "form": form},
    )


def _not_placed_words(request: MemberRequest, refused: list[tuple[str, str]]) -> str:
    """Who was not placed and why. Organizers who don't coordinate access get no names for
    those an interpreter room was missing for, only how many: the names would say who asked
    for interpretation."""
    hidden = 0
    if not request.user.has_perm("accommodations.coordinate"):
        hidden = sum(1 for _, reason in refused if reason in INTERPRETER_REASONS)
        refused = [
            (person, reason) for person, reason in refused if reason not in INTERPRETER_REASONS
        ]
    words = ""
    if refused:
        words += " Not placed: " + "; ".join(f"{person}: {why}" for person, why in refused) + "."
    if hidden:
        words += " " + ngettext(
            "One more person needs a room with an interpreter: add one, or give one more "
            "places. A coordinator can tell you more.",
            "%(count)d more people need a room with an interpreter: add one, or give one "
            "more places. A coordinator can tell you more.",
            hidden,
        ) % {"count": hidden}
    return words


def _move(request: MemberRequest, event: Event) -> None:
    """One person to another room: the room list's "Move" form."""
    person = get_object_or_404(
        User.objects.filter(breakout_assignments__room__event=event).distinct(),
        pk=id_or_404(request.POST.get("member")),
    )
    target = request.POST.get("to")
    if not target:
        messages.error(request, "Choose a room from the list to move someone.")
        return
    room = get_object_or_404(BreakoutRoom, pk=id_or_404(target), event=event)
    try:
        room_move(actor=request.user, event=event, member=person, to=room)
    except ServiceRefusal as refusal:
        refusal_show(refusal, request=request)
    else:
        messages.success(request, f"{person.display_name} moved to {room.name}.")


@staff_page("circles.manage_breakouts")
def zoom_file(request: MemberRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    try:
        content = zoom_csv(event=event)
    except ServiceRefusal as refusal:
        refusal_show(refusal, request=request)
        return redirect("circles:breakouts", pk=pk)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="breakout-rooms-{event.pk}.csv"'
    return response


@page_permission("events.rsvp")
@require_http_methods(["GET", "POST"])
def choose(request: MemberRequest, pk: int) -> HttpResponse:
    event = event_visible_to(pk=pk, viewer=request.user)
    if event is None:
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
