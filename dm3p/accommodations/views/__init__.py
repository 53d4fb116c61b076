from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from dm3p.accommodations.enums import RequestStatus
from dm3p.accommodations.forms import (
    AnswerForm,
    AskBy,
    KindForm,
    NeedsForm,
    QuestionForm,
    RecordRequestForm,
    RequestUpdateForm,
    needs_initial,
)
from dm3p.accommodations.models import AccommodationType
from dm3p.accommodations.selectors import (
    access_step_private,
    coordinators,
    events_to_record_for,
    is_at_risk,
    member_by_email,
    needs_team,
    next_event_with_requests,
    question_for_coordinator,
    question_of_member,
    questions_of,
    questions_waiting_for,
    queue_for_coordinators,
    request_for_coordinator,
    request_history,
    requests_of,
    standing_needs_of,
    types_all,
    types_by_default,
    types_requestable,
)
from dm3p.accommodations.services import (
    RequestsClosed,
    kind_save,
    request_opened,
    request_update,
    requests_create,
    standing_needs_save,
)
from dm3p.accommodations.services.questions import question_answer, question_ask
from dm3p.accounts.models import User
from dm3p.accounts.requests import MemberRequest
from dm3p.core.access import page_permission, staff_page
from dm3p.core.fields import id_or_404
from dm3p.core.refusals import ServiceRefusal, refusal_show
from dm3p.core.times import moment_text, when_text
from dm3p.events.enums import RsvpAnswer
from dm3p.events.links import answer_token_read
from dm3p.events.models import Event
from dm3p.events.selectors import answer_link_target, event_by_pk, viewer_time_zone


def _ask_by(kinds: list[AccommodationType], event: Event, zone: str) -> dict[int, AskBy]:
    now = timezone.now()
    return {
        kind.pk: AskBy(
            id=f"ask-by-{kind.pk}",
            text=moment_text(kind.deadline_for(event), zone),
            passed=now > kind.deadline_for(event),
        )
        for kind in kinds
    }


def _access_step(
    request: HttpRequest, *, event: Event, member: User, here: str, by_link: bool
) -> HttpResponse:
    """Ask for support at one gathering: each kind with its "ask by" date in the member's
    zone, their usual needs ticked. ``here`` is this page's own address.

    Reached by an e-mailed link by anyone but the member signed in (a forwarded e-mail, a
    shared inbox), the page shows nothing of their health: no usual needs, no earlier
    requests, and every kind offered, so none is missing because it was asked for before
    (asking again for one changes nothing)."""
    private = access_step_private(viewer=request.user, member=member, by_link=by_link)
    existing = list(requests_of(member=member, event=event)) if private else []
    asked = {item.kind_id for item in existing}
    standing = list(standing_needs_of(member=member)) if private else []
    kinds = types_requestable().exclude(pk__in=asked)
    open_for_requests = member.has_perm("events.answer", event)
    zone = viewer_time_zone(viewer=member, default=event.time_zone)
    answering = private and request.method == "POST" and "answer" in request.POST
    form = NeedsForm(
        request.POST if request.method == "POST" and not answering else None,
        kinds=kinds,
        asked=asked,
        initial=needs_initial(standing, asked=asked),
        ask_by=_ask_by(list(kinds), event, zone) if open_for_requests else None,
    )
    questions = list(questions_waiting_for(member=member, event=event)) if private else []
    answer_forms = [
        (
            question,
            AnswerForm(
                request.POST
                if answering and request.POST.get("question") == str(question.pk)
                else None,
                initial={"question": question.pk},
                auto_id=f"answer-{question.pk}-%s",
                label="Your answer",
            ),
        )
        for question in questions
    ]
    if answering and (
        answered := _member_answers(
            request, member=member, event=event, forms=answer_forms, here=here
        )
    ):
        return answered
    if request.method == "POST" and not answering and not open_for_requests:
        refusal_show(RequestsClosed(), request=request)
        return redirect(here)
    if request.method == "POST" and not answering and form.is_valid():
        try:
            made = requests_create(event=event, member=member, needs=form.answers())
        except ServiceRefusal as refusal:
            refusal_show(refusal, request=request)
            return redirect(here)
        if made or not private:
            messages.success(
                request,
                "Your request is with the accommodations coordinators. "
                "You'll hear by e-mail at each step.",
            )
        return redirect(here)
    response = render(
        request,
        "accommodations/for_event.html",
        {
            "event": event,
            "form": form,
            "existing": existing,
            "open_for_requests": open_for_requests and bool(form.offered),
            "by_default": types_by_default(),
            "has_standing": bool(standing),
            "by_link": by_link,
            "private": private,
            "answer_forms": answer_forms,
        },
    )
    response["Cache-Control"] = "no-store, private"
    return response


def _member_answers(
    request: HttpRequest,
    *,
    member: User,
    event: Event,
    forms: list[tuple[Any, AnswerForm]],
    here: str,
) -> HttpResponse | None:
    """The member answers a coordinator's question (only where the page is private); None
    to show the page again with what is wrong."""
    question = question_of_member(
        member=member, event=event, pk=id_or_404(request.POST.get("question"))
    )
    bound = next((form for asked, form in forms if asked == question), None)
    if question is None or bound is None:
        messages.info(request, "That question is answered already.")
        return redirect(here)
    if bound.is_valid():
        try:
            question_answer(question=question, actor=member, text=bound.cleaned_data["answer"])
        except ServiceRefusal as refusal:
            refusal_show(refusal, request=request)
        else:
            messages.success(request, "Thank you: your answer is with the coordinators.")
        return redirect(here)
    return None


@require_http_methods(["GET", "POST"])
@page_permission("accommodations.request", target=event_by_pk)
def for_event(request: MemberRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    return _access_step(
        request,
        event=event,
        member=request.user,
        here=reverse("accommodations:for_event", args=[pk]),
        by_link=False,
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def for_event_by_link(request: HttpRequest, token: str) -> HttpResponse:
    """The same step, reached from an e-mailed "I'm coming" link, perhaps signed out: the
    link is the proof of who is asking."""
    link = answer_token_read(token)
    target = (
        answer_link_target(event_id=link.event_id, member_id=link.member_id)
        if link is not None and link.answer == RsvpAnswer.GOING
        else None
    )
    if target is None:
        return render(request, "events/answer_link_broken.html", status=400)
    event, member = target
    return _access_step(
        request,
        event=event,
        member=member,
        here=reverse("accommodations:for_event_by_link", args=[token]),
        by_link=True,
    )


@require_http_methods(["GET", "POST"])
@page_permission("accommodations.request")
def standing_needs(request: MemberRequest) -> HttpResponse:
    current = list(standing_needs_of(member=request.user))
    form = NeedsForm(
        request.POST if request.method == "POST" else None,
        kinds=types_requestable(),
        initial=needs_initial(current),
    )
    if request.method == "POST" and form.is_valid():
        changed = standing_needs_save(member=request.user, needs=form.answers())
        messages.success(
            request,
            "Saved. These will be offered each time you say you're coming."
            if changed
            else "Nothing to save: your access needs are as they were.",
        )
        return redirect("members:own_profile")
    return render(request, "accommodations/standing_needs.html", {"form": form})


@staff_page("accommodations.coordinate")
def queue(request: MemberRequest) -> HttpResponse:
    """Requests for gatherings to come, gathering by gathering, the soonest first."""
    show_closed = request.GET.get("all") == "1"
    zone = viewer_time_zone(viewer=request.user)
    groups: dict[int, tuple[Event, str, list[tuple[Any, bool]]]] = {}
    for item in queue_for_coordinators(show_closed=show_closed):
        event = item.event
        group = groups.setdefault(
            event.pk, (event, when_text(event.starts_at, event.ends_at, zone), [])
        )
        group[2].append((item, is_at_risk(item)))
    return render(
        request,
        "accommodations/queue.html",
        {
            "groups": list(groups.values()),
            "show_closed": show_closed,
            "next_event": next_event_with_requests(),
        },
    )


@staff_page("accommodations.coordinate")
@require_http_methods(["GET", "POST"])
def request_detail(request: MemberRequest, pk: int) -> HttpResponse:
    item = request_for_coordinator(pk=pk)
    if item is None:
        raise Http404
    posted = request.POST if request.method == "POST" else None
    action = request.POST.get("action", "update") if posted else ""
    form = RequestUpdateForm(
        posted if action == "update" else None, instance=item, coordinators=coordinators()
    )
    ask = QuestionForm(posted if action == "ask" else None, auto_id="ask-%s")
    questions = list(questions_of(request=item))
    waiting = next((question for question in questions if question.answer is None), None)
    answer = AnswerForm(
        posted if action == "answer" else None,
        initial={"question": waiting.pk if waiting else None},
        auto_id="answer-%s",
        label="The member's answer",
        help_text="When they answered by e-mail or phone: write it as they said it.",
    )
    if action == "update" and form.is_valid():
        request_update(request=item, actor=request.user, answers=form.answers())
        messages.success(request, "Saved; the member is told of any change of status.")
        return redirect("accommodations:queue")
    if action == "ask" and ask.is_valid():
        question_ask(request=item, actor=request.user, text=ask.cleaned_data["question"])
        messages.success(request, "Asked. The member is e-mailed that there is a question.")
        return redirect("accommodations:detail", pk=pk)
    if action == "answer" and answer.is_valid():
        question = question_for_coordinator(request=item, pk=answer.cleaned_data["question"])
        if question is None:
            messages.info(request, "That question is answered already.")
        else:
            question_answer(
                question=question, actor=request.user, text=answer.cleaned_data["answer"]
            )
            messages.success(request, "The answer is recorded.")
        return redirect("accommodations:detail", pk=pk)
    if request.method == "GET":
        request_opened(request=item, actor=request.user)
    zone = viewer_time_zone(viewer=request.user)
    return render(
        request,
        "accommodations/request_detail.html",
        {
            "item": item,
            "form": form,
            "ask": ask,
            "answer": answer,
            "questions": [
                (
                    question,
                    moment_text(question.asked_at, zone),
                    moment_text(question.answered_at, zone) if question.answered_at else "",
                )
                for question in questions
            ],
            "waiting": waiting,
            "history": [
                (moment_text(line.when, zone), line) for line in request_history(request=item)
            ],
            "team_needed": needs_team(item.event, item.kind)
            and item.status != RequestStatus.NOT_POSSIBLE,
            "at_risk": is_at_risk(item),
            "when": when_text(item.event.starts_at, item.event.ends_at, zone),
        },
    )


@staff_page("accommodations.coordinate")
@require_http_methods(["GET", "POST"])
def record(request: MemberRequest) -> HttpResponse:
    events = events_to_record_for(viewer=request.user)
    form = RecordRequestForm(
        request.POST if request.method == "POST" else None, kinds=types_requestable(), events=events
    )
    if request.method == "POST" and form.is_valid():
        member = member_by_email(email=form.cleaned_data["member_email"])
        if member is None:
            form.add_error("member_email", "No member has this e-mail address.")
        else:
            try:
                requests_create(
                    event=form.cleaned_data["event"],
                    member=member,
                    needs=form.answers(),
                    recorded_by=request.user,
                )
            except ServiceRefusal as refusal:
                refusal_show(refusal, form=form)
            else:
                messages.success(request, "Recorded. The member is told by e-mail.")
                return redirect("accommodations:queue")
    return render(request, "accommodations/record.html", {"form": form})


@staff_page("accommodations.change_type")
def kinds(request: MemberRequest) -> HttpResponse:
    return render(request, "accommodations/kinds.html", {"kinds": types_all()})


@staff_page("accommodations.change_type")
@require_http_methods(["GET", "POST"])
def kind_edit(request: MemberRequest, pk: int | None = None) -> HttpResponse:
    kind = get_object_or_404(AccommodationType, pk=pk) if pk else AccommodationType()
    form = KindForm(request.POST if request.method == "POST" else None, instance=kind)
    if request.method == "POST" and form.is_valid():
        try:
            saved = kind_save(actor=request.user, kind=kind if pk else None, answers=form.answers())
        except ServiceRefusal as refusal:
            refusal_show(refusal, form=form)
        else:
            messages.success(request, f"“{saved.label}” is saved.")
            return redirect("accommodations:kinds")
    return render(request, "accommodations/kind_edit.html", {"form": form, "kind": kind})
