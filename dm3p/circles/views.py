from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from dm3p.accounts.requests import MemberRequest
from dm3p.circles.forms import (
    CheckInForm,
    ChoiceForm,
    EntryForm,
    MoveForm,
    NoteForm,
    PreferencesForm,
    RoomForm,
    RoundForm,
)
from dm3p.circles.models import BreakoutRoom, Circle, CircleNote, MatchingRound
from dm3p.circles.selectors import (
    choice_of,
    circle_for_viewer,
    circle_page,
    draft_of,
    entries_of_member,
    entry_of,
    health_of,
    membership_in,
    memberships_of,
    rooms_of,
    rooms_with_people,
    round_get,
    rounds_all,
    rounds_open_on,
    zone_of,
)
from dm3p.circles.services import (
    CircleChangeRefusedError,
    PublishRefusedError,
    RoundClosedError,
    TooBigForZoomError,
    ZoomFileError,
    check_in_save,
    choice_save,
    circle_lock,
    circle_seen,
    entry_save,
    entry_withdraw,
    matching_start,
    member_move,
    note_add,
    note_remove,
    preferences_save,
    room_remove,
    room_save,
    rooms_assign,
    round_announce,
    round_publish,
    round_save,
    zoom_csv,
)
from dm3p.core.access import staff_page
from dm3p.core.fields import id_or_404
from dm3p.events.models import Event
from dm3p.events.selectors import event_visible_to
from dm3p.members.selectors import profile_own
from dm3p.members.services import profile_sensitive_viewed


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
    except ZoomFileError as problem:
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


# Matching rounds: members.


def _member_only(request: MemberRequest) -> None:
    if not request.user.has_perm("circles.join_round"):
        raise Http404


def mine(request: MemberRequest) -> HttpResponse:
    _member_only(request)
    today = timezone.localdate()
    return render(
        request,
        "circles/mine.html",
        {
            "open_rounds": rounds_open_on(day=today),
            "entries": entries_of_member(member=request.user),
            "memberships": memberships_of(member=request.user),
            "today": today,
        },
    )


@require_http_methods(["GET", "POST"])
def join(request: MemberRequest, pk: int) -> HttpResponse:
    _member_only(request)
    round = get_object_or_404(MatchingRound, pk=pk)
    if not round.signup_open_on(timezone.localdate()):
        raise Http404
    entry = entry_of(round=round, member=request.user)
    if request.method == "POST" and request.POST.get("action") == "withdraw":
        entry_withdraw(member=request.user, round=round)
        messages.success(request, f"You've left {round.name}.")
        return redirect("circles:mine")
    form = EntryForm(
        request.POST if request.method == "POST" else None,
        member=request.user,
        entry=entry,
        profile=profile_own(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        entry_save(member=request.user, round=round, choices=form.choices())
        messages.success(request, f"You're in {round.name}. We'll tell you about your circle.")
        return redirect("circles:mine")
    return render(request, "circles/join.html", {"round": round, "form": form, "entry": entry})


@require_http_methods(["GET", "POST"])
def preferences(request: MemberRequest) -> HttpResponse:
    _member_only(request)
    form = PreferencesForm(request.POST if request.method == "POST" else None, member=request.user)
    if request.method == "POST" and form.is_valid():
        preferences_save(
            member=request.user,
            profession_preference=form.cleaned_data["profession_preference"],
            avoid=form.avoid(),
        )
        messages.success(request, "Your matching preferences are saved.")
        return redirect("members:own_profile")
    return render(request, "circles/preferences.html", {"form": form})


def _circle_or_404(request: MemberRequest, pk: int) -> Circle:
    circle = circle_for_viewer(pk=pk, viewer=request.user)
    if circle is None:
        raise Http404
    return circle


@require_http_methods(["GET", "POST"])
def circle(request: MemberRequest, pk: int) -> HttpResponse:
    found = _circle_or_404(request, pk)
    action = request.POST.get("action")
    form = NoteForm(request.POST if action == "add-note" else None)
    if action == "remove-note":
        note = get_object_or_404(CircleNote, pk=id_or_404(request.POST.get("note")), circle=found)
        try:
            note_remove(author=request.user, note=note)
        except CircleChangeRefusedError as problem:
            messages.error(request, str(problem))
        else:
            messages.success(request, "Note removed.")
        return redirect("circles:circle", pk=pk)
    if action == "add-note" and form.is_valid():
        note_add(author=request.user, circle=found, text=form.cleaned_data["text"])
        messages.success(request, "Note added.")
        return redirect("circles:circle", pk=pk)
    page = circle_page(circle=found, viewer=request.user, day=timezone.localdate())
    circle_seen(membership=page.membership)
    profile_sensitive_viewed(actor=request.user, seen=page.fields_seen)
    return render(
        request, "circles/circle.html", {"page": page, "form": form, "round": found.round}
    )


@require_http_methods(["GET", "POST"])
def check_in(request: MemberRequest, pk: int) -> HttpResponse:
    found = _circle_or_404(request, pk)
    membership = membership_in(circle=found, member=request.user)
    if membership is None:
        raise Http404
    form = CheckInForm(
        request.POST if request.method == "POST" else None,
        initial={"pause": membership.paused, "wants_different": membership.wants_different},
    )
    if not found.round.running_on(timezone.localdate()):
        messages.info(request, f"{found.round.name} has ended, so there's nothing to check in.")
        return redirect("circles:circle", pk=pk)
    if request.method == "POST" and form.is_valid():
        check_in_save(membership=membership, answers=form.answers())
        messages.success(request, "Thank you for checking in.")
        return redirect("circles:circle", pk=pk)
    return render(request, "circles/check_in.html", {"circle": found, "form": form})


# Matching rounds: organizers.


@staff_page("circles.manage_rounds")
def rounds(request: MemberRequest) -> HttpResponse:
    return render(request, "circles/rounds.html", {"rounds": rounds_all()})


@staff_page("circles.manage_rounds")
@require_http_methods(["GET", "POST"])
def round_edit(request: MemberRequest, pk: int | None = None) -> HttpResponse:
    round = get_object_or_404(MatchingRound, pk=pk) if pk else MatchingRound()
    form = RoundForm(request.POST if request.method == "POST" else None, instance=round)
    if request.method == "POST" and form.is_valid():
        saved = round_save(actor=request.user, round=form.instance, values=form.cleaned_data)
        messages.success(request, f"“{saved.name}” is saved.")
        return redirect("circles:round", pk=saved.pk)
    return render(request, "circles/round_edit.html", {"form": form, "round": round})


def _round_action(request: MemberRequest, round: MatchingRound) -> None:
    """Carry out one change to the draft, saying how it went in a message."""
    action = request.POST.get("action")
    try:
        if action == "announce":
            round_announce(actor=request.user, round=round)
            messages.success(request, "Members are being e-mailed that sign-up is open.")
        elif action == "run":
            matching_start(actor=request.user, round=round)
            messages.success(request, "Matching has started. Refresh this page to see progress.")
        elif action in {"lock", "unlock"}:
            found = get_object_or_404(Circle, pk=id_or_404(request.POST.get("circle")), round=round)
            circle_lock(actor=request.user, circle=found, locked=action == "lock")
            messages.success(request, f"{found} is {'locked' if action == 'lock' else 'unlocked'}.")
        elif action == "publish":
            told = round_publish(actor=request.user, round=round)
            messages.success(
                request, f"Circles published. The {told} people in them are being told."
            )
        elif action == "move":
            form = MoveForm(request.POST, round=round)
            if not form.is_valid():
                messages.error(request, "Choose a circle from the list to move someone.")
                return
            person, target = form.cleaned_data["member"], form.cleaned_data["to"]
            member_move(actor=request.user, round=round, member=person, to=target)
            where = target or "out of every circle"
            messages.success(request, f"{person.display_name} moved to {where}.")
    except PublishRefusedError as problem:
        messages.error(request, "Not published yet: " + "; ".join(problem.problems))
    except (CircleChangeRefusedError, RoundClosedError) as problem:
        messages.error(request, str(problem))


@staff_page("circles.manage_rounds")
@require_http_methods(["GET", "POST"])
def round_detail(request: MemberRequest, pk: int) -> HttpResponse:
    round = round_get(pk=pk)
    if round is None:
        raise Http404
    if request.method == "POST":
        _round_action(request, round)
        return redirect("circles:round", pk=pk)
    zone = zone_of(request.user)
    draft = draft_of(round=round, zone=zone)
    return render(
        request,
        "circles/round.html",
        {
            "round": round,
            "draft": draft,
            "circles": [item.circle for item in draft.circles],
            "zone": zone,
            "signup_open": round.signup_open_on(timezone.localdate()),
        },
    )


@staff_page("circles.manage_rounds")
def round_health(request: MemberRequest, pk: int) -> HttpResponse:
    round = get_object_or_404(MatchingRound, pk=pk)
    return render(
        request, "circles/health.html", {"round": round, "health": health_of(round=round)}
    )
