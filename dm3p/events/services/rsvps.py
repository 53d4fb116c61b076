"""Answers (RSVP), the waiting list, and giving places up when someone leaves the program."""

from django.db import transaction
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now_q
from dm3p.core.refusals import ServiceRefusal
from dm3p.core.services import audit_record, email_wording_queue
from dm3p.events.emails import WAITLIST_PLACE
from dm3p.events.enums import RsvpAnswer
from dm3p.events.models import Event, Rsvp
from dm3p.events.rules import is_open_gathering


def _tell_promoted(rsvp: Rsvp) -> None:
    event = rsvp.event
    email_wording_queue(
        email=WAITLIST_PLACE,
        outbox_key=f"waitlist_promoted:{event.pk}:{rsvp.member_id}:{rsvp.answered_at.timestamp()}",
        recipient=rsvp.member,
        values={"title": event.title},
    )


class AnswersClosed(ServiceRefusal):
    def __init__(self, event: Event) -> None:
        closed = "is cancelled" if event.is_cancelled else "has ended"
        super().__init__(f"This gathering {closed}, so answers are closed.")


@transaction.atomic
def rsvp_answer(*, event: Event, member: User, answer: RsvpAnswer) -> Rsvp:
    """Record an answer. With a capacity, "going" past it joins the waiting list; a place
    freed goes to the first person waiting, who is told. The event row is locked so that
    simultaneous answers can't overfill it. Refused (``AnswersClosed``) once the gathering
    has ended or is cancelled."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not is_open_gathering(member, event):
        raise AnswersClosed(event)
    rsvp = Rsvp.objects.filter(event=event, member=member).first()
    was_holding_place = rsvp is not None and rsvp.answer == RsvpAnswer.GOING and not rsvp.waitlisted
    if rsvp is None:
        rsvp = Rsvp(event=event, member=member)
    elif rsvp.answer == answer:
        return rsvp
    rsvp.answer = answer
    rsvp.answered_at = timezone.now()
    rsvp.waitlisted = False
    if answer == RsvpAnswer.GOING and event.capacity is not None and not was_holding_place:
        taken = Rsvp.objects.filter(event=event, answer=RsvpAnswer.GOING, waitlisted=False)
        rsvp.waitlisted = taken.exclude(pk=rsvp.pk).count() >= event.capacity
    rsvp.save()
    if was_holding_place and answer != RsvpAnswer.GOING:
        _place_pass_on(event)
    audit_record(actor=member, action=f"rsvp.{answer}", subject_user=member, target=event)
    return rsvp


def _place_pass_on(event: Event) -> None:
    """A place freed at a full gathering goes to the first person waiting who is still a
    member, who is told. Call with the event's row locked."""
    first_waiting = (
        Rsvp.objects.select_related("member", "event")
        .filter(members_now_q("member"), event=event, waitlisted=True)
        .order_by("answered_at", "id")
        .first()
    )
    if first_waiting is not None:
        first_waiting.waitlisted = False
        first_waiting.save(update_fields=["waitlisted"])
        _tell_promoted(first_waiting)


@transaction.atomic
def rsvps_release(*, actor: User | None, person: User) -> int:
    """Someone who is no longer a member now gives up their answers to gatherings that have
    not started: a place they held goes to the next member waiting. The answers are gone,
    so being reinstated later brings none back. Returns how many were released."""
    now = timezone.now()
    event_ids = list(
        Rsvp.objects.filter(member=person, event__starts_at__gt=now)
        .order_by("event_id")
        .values_list("event_id", flat=True)
    )
    released = 0
    # Lock each event in the same order as rsvp_answer does (one at a time, by event), so
    # answers arriving at the same moment can't overfill it.
    for event in Event.objects.select_for_update().filter(pk__in=event_ids).order_by("pk"):
        rsvp = Rsvp.objects.filter(event=event, member=person).first()
        if rsvp is None:
            continue
        held_place = rsvp.answer == RsvpAnswer.GOING and not rsvp.waitlisted
        rsvp.delete()
        released += 1
        if held_place and event.capacity is not None:
            _place_pass_on(event)
        audit_record(actor=actor, action="rsvp.release", subject_user=person, target=event)
    return released
