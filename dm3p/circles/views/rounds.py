"""Members' side of matching rounds: their circles and rounds, joining, preferences."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from dm3p.accounts.requests import MemberRequest
from dm3p.circles.forms.rounds import EntryForm, PreferencesForm
from dm3p.circles.models import MatchingRound
from dm3p.circles.selectors.circles import memberships_of
from dm3p.circles.selectors.rounds import entries_of_member, entry_of, rounds_open_on
from dm3p.circles.services.rounds import entry_save, entry_withdraw, preferences_save
from dm3p.core.access import page_permission
from dm3p.core.refusals import ServiceRefusal, refusal_show
from dm3p.members.selectors import profile_own


@page_permission("circles.join_round")
def mine(request: MemberRequest) -> HttpResponse:
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


@page_permission("circles.join_round")
@require_http_methods(["GET", "POST"])
def join(request: MemberRequest, pk: int) -> HttpResponse:
    round = get_object_or_404(MatchingRound, pk=pk)
    if not round.signup_open_on(timezone.localdate()):
        raise Http404
    entry = entry_of(round=round, member=request.user)
    form = EntryForm(
        request.POST if request.method == "POST" else None,
        member=request.user,
        entry=entry,
        profile=profile_own(user=request.user),
        step=request.POST.get("action", ""),
    )
    if form.step:
        form.step_shown()
    elif request.method == "POST" and form.is_valid():
        try:
            entry_save(member=request.user, round=round, answers=form.answers())
        except ServiceRefusal as refusal:
            refusal_show(refusal, form=form)
        else:
            messages.success(request, f"You're in {round.name}. We'll tell you about your circle.")
            return redirect("circles:mine")
    return render(request, "circles/join.html", {"round": round, "form": form, "entry": entry})


@page_permission("circles.join_round")
@require_http_methods(["GET", "POST"])
def leave(request: MemberRequest, pk: int) -> HttpResponse:
    """Leaving a round, confirmed with one button (the page itself changes nothing)."""
    round = get_object_or_404(MatchingRound, pk=pk)
    if not round.signup_open_on(timezone.localdate()):
        raise Http404
    if entry_of(round=round, member=request.user) is None:
        messages.info(request, f"You aren't in {round.name}.")
        return redirect("circles:mine")
    if request.method == "POST":
        try:
            entry_withdraw(member=request.user, round=round)
        except ServiceRefusal as refusal:
            refusal_show(refusal, request=request)
            return redirect("circles:mine")
        messages.success(request, f"You've left {round.name}.")
        return redirect("circles:mine")
    return render(request, "circles/leave.html", {"round": round})


@page_permission("circles.join_round")
@require_http_methods(["GET", "POST"])
def preferences(request: MemberRequest) -> HttpResponse:
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        member=request.user,
        step=request.POST.get("action", ""),
    )
    if form.step:
        form.step_shown()
    elif request.method == "POST" and form.is_valid():
        preferences_save(member=request.user, answers=form.preferences())
        messages.success(request, "Your matching preferences are saved.")
        return redirect("members:own_profile")
    return render(request, "circles/preferences.html", {"form": form})
