"""Coordinators ask a member a question about a request; the member answers on their
access page (or a coordinator records an answer that came another way). The question and
answer stay on the site: e-mails only say there is one."""

from django.db import transaction
from django.utils import timezone

from dm3p.accommodations.emails import COORDINATOR_ANSWER, REQUEST_QUESTION
from dm3p.accommodations.models import AccommodationRequest, RequestQuestion
from dm3p.accounts.models import User
from dm3p.accounts.rules import is_coordinator, is_member
from dm3p.core.links import site_link
from dm3p.core.refusals import ServiceRefusal
from dm3p.core.services import audit_record, email_wording_queue


class AlreadyAnswered(ServiceRefusal):
    def __init__(self) -> None:
        super().__init__("This question is answered already.")


@transaction.atomic
def question_ask(*, request: AccommodationRequest, actor: User, text: str) -> RequestQuestion:
    """Ask the member a question about their request; they are e-mailed that there is one
    (not what it is) with a link to answer it."""
    question = RequestQuestion.objects.create(request=request, asked_by=actor, question=text)
    audit_record(
        actor=actor,
        action="accommodation.question",
        subject_user=request.member,
        target=request,
        fields=["question"],
    )
    if is_member(request.member):
        email_wording_queue(
            email=REQUEST_QUESTION,
            outbox_key=f"accommodation:{request.pk}:question:{question.pk}",
            recipient=request.member,
            values={
                "kind_label": request.kind.label,
                "title": request.event.title,
                "answer_link": site_link("accommodations:for_event", request.event_id),
            },
        )
    return question


@transaction.atomic
def question_answer(*, question: RequestQuestion, actor: User, text: str) -> RequestQuestion:
    """Record the answer, given by the member (or typed by a coordinator when it came by
    e-mail or phone). The coordinator who asked hears of a member's answer."""
    stored = RequestQuestion.objects.select_for_update().get(pk=question.pk)
    if stored.answer is not None:
        raise AlreadyAnswered
    stored.answer = text
    stored.answered_by = actor
    stored.answered_at = timezone.now()
    stored.save(update_fields=["answer", "answered_by", "answered_at"])
    request = AccommodationRequest.objects.select_related("event", "kind", "member").get(
        pk=stored.request_id
    )
    audit_record(
        actor=actor,
        action="accommodation.answer",
        subject_user=request.member,
        target=request,
        fields=["answer"],
    )
    asker = stored.asked_by
    if actor.pk == request.member_id and asker is not None and is_coordinator(asker):
        email_wording_queue(
            email=COORDINATOR_ANSWER,
            outbox_key=f"accommodation:{request.pk}:answered:{stored.pk}",
            recipient=asker,
            values={
                "kind_label": request.kind.label,
                "title": request.event.title,
                "request_link": site_link("accommodations:detail", request.pk),
            },
        )
    return stored
