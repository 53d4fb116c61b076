"""Organizers' steps that reach members, each on its own page that says what will happen
before it does: closing sign-up early, publishing a round's circles, and moving or adding
someone once they are published. Opening these pages changes nothing."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from dm3p.accounts.requests import MemberRequest
from dm3p.circles.emails import CIRCLE_ADDED, CIRCLE_CHANGED, CIRCLE_JOINED, CIRCLE_LEFT
from dm3p.circles.forms.publishing import PublishedMoveForm
from dm3p.circles.models import MatchingRound
from dm3p.circles.selectors.publishing import email_subject, publish_preview
from dm3p.circles.selectors.rounds import round_get
from dm3p.circles.services.drafts import round_publish
from dm3p.circles.services.publishing import published_move, signup_close
from dm3p.circles.tasks import round_publication
from dm3p.core.access import staff_page
from dm3p.core.refusals import ServiceRefusal, refusal_show


def _round(pk: int) -> MatchingRound:
    round = round_get(pk=pk)
    if round is None:
        raise Http404
    return round


@staff_page("circles.manage_rounds")
@require_http_methods(["GET", "POST"])
def close_signup(request: MemberRequest, pk: int) -> HttpResponse:
    """Close sign-up early, confirmed with one button; ``then=publish`` comes back to the
    publishing step afterwards."""
    round = _round(pk)
    then = "publish" if (request.POST.get("then") or request.GET.get("then")) == "publish" else ""
    after = redirect("circles:round_publish" if then else "circles:round", pk=pk)
    if not round.signup_open_on(timezone.localdate()):
        messages.info(request, "Sign-up for this round is already closed.")
        return after
    if request.method == "POST":
        try:
            signup_close(actor=request.user, round=round)
        except ServiceRefusal as refusal:
            refusal_show(refusal, request=request)
        else:
            messages.success(
                request, "Sign-up is closed. Members can no longer join or change their answers."
            )
        return after
    return render(request, "circles/close_signup.html", {"round": round, "then": then})


@staff_page("circles.manage_rounds")
@require_http_methods(["GET", "POST"])
def publish(request: MemberRequest, pk: int) -> HttpResponse:
    round = _round(pk)
    if round.published_at is not None:
        messages.info(request, "This round's circles are already published.")
        return redirect("circles:round", pk=pk)
    if request.method == "POST":
        try:
            told = round_publish(actor=request.user, round=round)
        except ServiceRefusal as refusal:
            refusal_show(refusal, request=request)
            return redirect("circles:round_publish", pk=pk)
        transaction.on_commit(lambda: round_publication.enqueue(round.pk))
        messages.success(
            request,
            ngettext(
                "Circles published. The one person in them is being told.",
                "Circles published. The %(count)d people in them are being told.",
                told,
            )
            % {"count": told},
        )
        return redirect("circles:round", pk=pk)
    return render(
        request, "circles/publish.html", {"round": round, "preview": publish_preview(round=round)}
    )


@staff_page("circles.manage_rounds")
@require_http_methods(["GET", "POST"])
def change(request: MemberRequest, pk: int) -> HttpResponse:
    """Choose whom to move (or add) and where (a GET form), see who will be told, confirm."""
    round = _round(pk)
    if round.published_at is None:
        raise Http404
    asked = request.method == "POST" or "member" in request.GET or "to" in request.GET
    data = request.POST if request.method == "POST" else request.GET
    form = PublishedMoveForm(data if asked else None, round=round)
    if asked and form.is_valid():
        person, to = form.cleaned_data["member"], form.cleaned_data["to"]
        if request.method == "POST":
            try:
                published_move(actor=request.user, round=round, member=person, to=to)
            except ServiceRefusal as refusal:
                refusal_show(refusal, form=form)
            else:
                messages.success(
                    request,
                    f"{person.display_name} is now in {to}. They and the people of the "
                    "circles concerned are being told.",
                )
                return redirect("circles:round", pk=pk)
    confirm = asked and form.is_valid()
    context = {"round": round, "form": form, "confirm": confirm}
    if confirm:
        now_in, to = form.now_in(), form.cleaned_data["to"]
        person = form.cleaned_data["member"]
        context |= {
            "person": person,
            "to": to,
            "now_in": now_in,
            "person_subject": email_subject(
                CIRCLE_CHANGED if now_in else CIRCLE_ADDED, round, circle=to
            ),
            "left_subject": email_subject(CIRCLE_LEFT, round, circle=now_in, person=person),
            "joined_subject": email_subject(CIRCLE_JOINED, round, circle=to, person=person),
            "left_people": form.people_in(now_in),
            "joined_people": form.people_in(to),
        }
    return render(request, "circles/published_change.html", context)
