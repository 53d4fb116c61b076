"""Organizers' changes to a round's draft circles, one form post each: move the ticked
people, swap two, start a circle by hand, lock or unlock a circle. Each goes back to the
draft at the circle it changed, with a message saying what the change did to the circles'
quality (before and after, from the engine's audit). With JavaScript the draft's script
(circles/draft.js) makes the same post and puts the new draft in place."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from dm3p.accounts.requests import MemberRequest
from dm3p.circles.forms.draft_edits import (
    LockForm,
    MoveForm,
    NewCircleForm,
    PeopleForm,
    SwapForm,
)
from dm3p.circles.models import MatchingRound
from dm3p.circles.selectors.draft_effects import draft_effect
from dm3p.circles.selectors.round_pages import draft_of
from dm3p.circles.selectors.rounds import round_get
from dm3p.circles.services.draft_edits import circle_start, members_move, members_swap
from dm3p.circles.services.drafts import circle_lock
from dm3p.core.access import staff_page
from dm3p.core.refusals import ServiceRefusal, refusal_show
from dm3p.members.selectors.profiles import zone_of

# A change: carries itself out, returning what was done (in words) and the circle it was
# about (None: the list of people not placed).
Change = Callable[[], tuple[str, int | None]]


def _names(form: PeopleForm) -> str:
    names = [person.display_name for person in form.chosen()]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _back(round: MatchingRound, circle_id: int | None) -> HttpResponse:
    url = reverse("circles:round", kwargs={"pk": round.pk})
    if circle_id is None:
        return redirect(f"{url}#not-placed")
    return redirect(f"{url}?{urlencode({'changed': circle_id})}#circle-{circle_id}")


def _draft_change(
    request: MemberRequest, pk: int, form_class: type, change: Callable[..., Change]
) -> HttpResponse:
    round = round_get(pk=pk)
    if round is None:
        raise Http404
    form = form_class(request.POST, round=round)
    if not form.is_valid():
        messages.error(request, f"Nothing changed. {form.problem()}")
        return redirect(f"{reverse('circles:round', kwargs={'pk': pk})}#draft-tools")
    zone = zone_of(request.user)
    before = draft_of(round=round, zone=zone)
    try:
        done, focus = change(request, round, form)()
    except ServiceRefusal as refusal:
        refusal.message = f"Nothing changed. {refusal.message}"
        refusal_show(refusal, request=request)
        return redirect(f"{reverse('circles:round', kwargs={'pk': pk})}#draft-tools")
    effect = draft_effect(before=before, after=draft_of(round=round, zone=zone), focus=focus)
    messages.success(request, f"{done} {effect.words}".strip())
    return _back(round, effect.circle_id if focus is not None else None)


def _move(request: MemberRequest, round: MatchingRound, form: MoveForm) -> Change:
    def change() -> tuple[str, int | None]:
        to = form.cleaned_data["to"]
        members_move(actor=request.user, round=round, people=form.chosen(), to=to)
        if to is None:
            return f"{_names(form)}: out of every circle.", None
        return f"Moved {_names(form)} to {to}.", to.pk

    return change


def _swap(request: MemberRequest, round: MatchingRound, form: SwapForm) -> Change:
    def change() -> tuple[str, int | None]:
        one, other = form.chosen()
        now_in, _ = members_swap(actor=request.user, round=round, one=one, other=other)
        return f"Swapped {one.display_name} and {other.display_name}.", now_in.pk

    return change


def _new_circle(request: MemberRequest, round: MatchingRound, form: NewCircleForm) -> Change:
    def change() -> tuple[str, int | None]:
        circle = circle_start(
            actor=request.user, round=round, people=form.chosen(), name=form.cleaned_data["name"]
        )
        return f"Started {circle} with {_names(form)}.", circle.pk

    return change


def _lock(request: MemberRequest, round: MatchingRound, form: LockForm) -> Change:
    def change() -> tuple[str, int | None]:
        circle, locked = form.cleaned_data["circle"], form.cleaned_data["locked"]
        circle_lock(actor=request.user, circle=circle, locked=locked)
        if locked:
            return (
                f"{circle} is locked: its people stay together if matching runs again.",
                circle.pk,
            )
        return f"{circle} is unlocked: matching run again may change it.", circle.pk

    return change


@staff_page("circles.manage_rounds")
@require_POST
def draft_move(request: MemberRequest, pk: int) -> HttpResponse:
    return _draft_change(request, pk, MoveForm, _move)


@staff_page("circles.manage_rounds")
@require_POST
def draft_swap(request: MemberRequest, pk: int) -> HttpResponse:
    return _draft_change(request, pk, SwapForm, _swap)


@staff_page("circles.manage_rounds")
@require_POST
def draft_new_circle(request: MemberRequest, pk: int) -> HttpResponse:
    return _draft_change(request, pk, NewCircleForm, _new_circle)


@staff_page("circles.manage_rounds")
@require_POST
def draft_lock(request: MemberRequest, pk: int) -> HttpResponse:
    return _draft_change(request, pk, LockForm, _lock)
