"""Answering from an e-mail: the signed link for "going", "maybe" or "can't" opens a page
that confirms with one button. It works signed out (the link is the proof) and shows no more
than the gathering's title and time."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from dm3p.core.refusals import ServiceRefusal, refusal_show
from dm3p.core.times import when_text
from dm3p.events.enums import RsvpAnswer
from dm3p.events.hooks import link_next_step, rsvp_next_step
from dm3p.events.links import answer_token_read
from dm3p.events.rules import is_open_gathering
from dm3p.events.selectors import answer_link_target, rsvp_of, viewer_time_zone
from dm3p.events.services import rsvp_answer

BUTTONS = {
    RsvpAnswer.GOING: "Yes, I'm coming",
    RsvpAnswer.MAYBE: "Save my answer: maybe",
    RsvpAnswer.CANT: "Save my answer: I can't come",
}


@never_cache
@login_not_required
@require_http_methods(["GET", "POST"])
def answer_link(request: HttpRequest, token: str) -> HttpResponse:
    link = answer_token_read(token)
    target = (
        answer_link_target(event_id=link.event_id, member_id=link.member_id)
        if link is not None and link.answer in RsvpAnswer.values
        else None
    )
    if link is None or target is None:
        return render(request, "events/answer_link_broken.html", status=400)
    event, member = target
    answer = RsvpAnswer(link.answer)
    is_open = is_open_gathering(member, event)
    if request.method == "POST" and is_open:
        try:
            saved = rsvp_answer(event=event, member=member, answer=answer)
        except ServiceRefusal as refusal:
            refusal_show(refusal, request=request)
            return redirect("events:answer_link", token=token)
        if saved.waitlisted:
            messages.success(
                request,
                "The gathering is full, so you are on the waiting list. "
                "We'll e-mail you if a place opens up.",
            )
        else:
            messages.success(request, f"Your answer is saved: {saved.get_answer_display()}.")
        if answer == RsvpAnswer.GOING:
            own = request.user.is_authenticated and request.user.pk == member.pk
            step = rsvp_next_step(event, member) if own else link_next_step(event, member, token)
            if step:
                return redirect(step)
        return redirect("events:answer_link", token=token)
    rsvp = rsvp_of(event=event, viewer=member)
    zone = viewer_time_zone(viewer=member, default=event.time_zone)
    return render(
        request,
        "events/answer_link.html",
        {
            "event": event,
            "when": when_text(event.starts_at, event.ends_at, zone),
            "answer": answer,
            "button": BUTTONS[answer],
            "is_open": is_open,
            "already": rsvp is not None and rsvp.answer == answer,
            "rsvp": rsvp,
        },
    )
