"""Organizers' pages of matching rounds: the list, a round's details, its draft (running the
engine) and how its circles are going. Changes to a draft are in views/draft_edits.py;
publishing is its own step (views/publishing.py)."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from dm3p.accounts.requests import MemberRequest
from dm3p.circles.forms.rounds import RoundForm
from dm3p.circles.models import MatchingRound
from dm3p.circles.selectors.round_pages import draft_of, health_of
from dm3p.circles.selectors.rounds import round_get, rounds_all
from dm3p.circles.selectors.run_status import run_words
from dm3p.circles.services.drafts import matching_start
from dm3p.circles.services.rounds import round_announce, round_create, round_update
from dm3p.circles.tasks import round_announcement, round_match
from dm3p.core.access import staff_page
from dm3p.core.refusals import ServiceRefusal, refusal_show
from dm3p.members.selectors.profiles import zone_of


@staff_page("circles.manage_rounds")
def rounds(request: MemberRequest) -> HttpResponse:
    return render(request, "circles/rounds.html", {"rounds": rounds_all()})


@staff_page("circles.manage_rounds")
@require_http_methods(["GET", "POST"])
def round_edit(request: MemberRequest, pk: int | None = None) -> HttpResponse:
    round = get_object_or_404(MatchingRound, pk=pk) if pk else MatchingRound()
    form = RoundForm(request.POST if request.method == "POST" else None, instance=round)
    if request.method == "POST" and form.is_valid():
        try:
            if pk:
                saved = round_update(actor=request.user, round=round, answers=form.answers())
            else:
                saved = round_create(actor=request.user, answers=form.answers())
        except ServiceRefusal as refusal:
            refusal_show(refusal, form=form)
        else:
            messages.success(request, f"“{saved.name}” is saved.")
            return redirect("circles:round", pk=saved.pk)
    return render(request, "circles/round_edit.html", {"form": form, "round": round})


def _round_action(request: MemberRequest, round: MatchingRound) -> None:
    """Carry out one change to the draft, saying how it went in a message; e-mails and
    matching runs are queued for the worker once the change is saved."""
    action = request.POST.get("action")
    if action == "announce":
        round_announce(actor=request.user, round=round)
        transaction.on_commit(lambda: round_announcement.enqueue(round.pk))
        messages.success(request, "Members are being e-mailed that sign-up is open.")
    elif action == "run":
        run_count = matching_start(actor=request.user, round=round)
        transaction.on_commit(lambda: round_match.enqueue(round.pk, run_count))
        messages.success(request, "Matching has started. Refresh this page to see progress.")


@staff_page("circles.manage_rounds")
@require_http_methods(["GET", "POST"])
def round_detail(request: MemberRequest, pk: int) -> HttpResponse:
    round = round_get(pk=pk)
    if round is None:
        raise Http404
    if request.method == "POST":
        try:
            _round_action(request, round)
        except ServiceRefusal as refusal:
            refusal_show(refusal, request=request)
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
            "run": run_words(round, timezone.now()),
        },
    )


@staff_page("circles.manage_rounds")
def round_health(request: MemberRequest, pk: int) -> HttpResponse:
    round = get_object_or_404(MatchingRound, pk=pk)
    return render(
        request, "circles/health.html", {"round": round, "health": health_of(round=round)}
    )
