"""Circle life once circles are published: a member opening their circle, notes, check-ins
and the reminders to check in."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.accounts.rules import is_member
from dm3p.circles.emails import CHECK_IN_DUE
from dm3p.circles.models import CIRCLE_NAME_MAX, CheckIn, Circle, CircleMembership, CircleNote
from dm3p.circles.selectors.circles import memberships_due_check_in
from dm3p.circles.services.refusals import CircleChangeRefused, RoundClosed
from dm3p.core.links import site_link
from dm3p.core.services import audit_record, email_wording_queue


@transaction.atomic
def circle_seen(*, membership: CircleMembership) -> None:
    if membership.seen_at is None:
        membership.seen_at = timezone.now()
        membership.save(update_fields=["seen_at"])


@transaction.atomic
def note_add(*, author: User, circle: Circle, text: str) -> CircleNote:
    if not is_member(author) or not circle.memberships.filter(member=author).exists():
        raise CircleChangeRefused("Only the people in a circle can add notes to it.")
    return CircleNote.objects.create(circle=circle, author=author, text=text)


@transaction.atomic
def note_remove(*, author: User, note: CircleNote) -> None:
    if note.author_id != author.pk:
        raise CircleChangeRefused("Only the person who wrote a note can remove it.")
    note.delete()


def _one_of_its_people(person: User, circle: Circle) -> bool:
    return bool(is_member(person) and circle.memberships.filter(member=person).exists())


@transaction.atomic
def circle_rename(*, actor: User, circle: Circle, name: str) -> Circle:
    """Give the circle a name (empty: back to its number). Any of its people may; audited."""
    if not _one_of_its_people(actor, circle):
        raise CircleChangeRefused("Only the people in a circle can change its name.")
    name = " ".join(name.split())
    if len(name) > CIRCLE_NAME_MAX:
        raise CircleChangeRefused(
            f"A circle's name can be at most {CIRCLE_NAME_MAX} characters.", field="name"
        )
    stored = Circle.objects.select_for_update().get(pk=circle.pk)
    if stored.name != name:
        stored.name = name
        stored.save(update_fields=["name"])
        audit_record(actor=actor, action="circle.rename", target=stored, fields=["name"])
    return stored


@dataclass(frozen=True)
class MeetingAnswers:
    starts_at: dt.datetime
    link: str


@transaction.atomic
def circle_meeting_set(*, actor: User, circle: Circle, answers: MeetingAnswers) -> Circle:
    """Set or change the circle's next meeting (a time, and a link that must be https).
    Any of its people may; the others see who set it. Audited."""
    if not _one_of_its_people(actor, circle):
        raise CircleChangeRefused("Only the people in a circle can set its next meeting.")
    if answers.link and not answers.link.lower().startswith("https://"):
        raise CircleChangeRefused(
            "The link must start with https:// so the meeting stays private.", field="link"
        )
    stored = Circle.objects.select_for_update().get(pk=circle.pk)
    stored.next_meeting_at = answers.starts_at
    stored.next_meeting_link = answers.link
    stored.next_meeting_set_by = actor
    stored.save(update_fields=["next_meeting_at", "next_meeting_link", "next_meeting_set_by"])
    audit_record(actor=actor, action="circle.next_meeting", target=stored, fields=["next_meeting"])
    return stored


@dataclass(frozen=True)
class CheckInAnswers:
    rating: int
    comment: str
    share_comment: bool
    pause: bool
    wants_different: bool


@transaction.atomic
def check_in_save(*, membership: CircleMembership, answers: CheckInAnswers) -> CheckIn:
    round = membership.circle.round
    if not is_member(membership.member):
        raise CircleChangeRefused("Only members can check in with their circle.")
    if not round.running_on(timezone.localdate()):
        raise RoundClosed(f"{round.name} has ended, so there's nothing to check in.")
    check_in = CheckIn.objects.create(
        circle=membership.circle,
        member=membership.member,
        rating=answers.rating,
        comment=answers.comment or None,
        share_comment=answers.share_comment and bool(answers.comment),
        pause=answers.pause,
        wants_different=answers.wants_different,
    )
    membership.paused = answers.pause
    membership.wants_different = answers.wants_different
    membership.save(update_fields=["paused", "wants_different"])
    return check_in


def check_in_reminders_send() -> int:
    """E-mail everyone whose check-in is due: one reminder each time the round's rhythm comes
    round without a check-in, never two for the same due date.
    Returns how many were due (the outbox keeps a second run from sending again)."""
    sent = 0
    for membership, due in memberships_due_check_in(day=timezone.localdate()):
        link = site_link("circles:check_in", membership.circle_id)
        email_wording_queue(
            email=CHECK_IN_DUE,
            outbox_key=f"circle-check-in:{membership.pk}:{due.isoformat()}",
            recipient=membership.member,
            values={"round_name": membership.circle.round.name, "check_in_link": link},
        )
        sent += 1
    return sent
