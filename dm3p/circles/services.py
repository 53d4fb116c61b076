import csv
import datetime as dt
import io
import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.circles.emails import CHECK_IN_REMINDERS, CIRCLE_UPDATES
from dm3p.circles.enums import RunStatus
from dm3p.circles.matching.engine import circles_output, match_circles
from dm3p.circles.matching.model import parse_cohort
from dm3p.circles.matching.rooms import assign_rooms, parse_gathering
from dm3p.circles.models import (
    BreakoutAssignment,
    BreakoutChoice,
    BreakoutRoom,
    CheckIn,
    Circle,
    CircleMembership,
    CircleNote,
    MatchingPreferences,
    MatchingRound,
    RoundEntry,
)
from dm3p.circles.quality import circle_quality
from dm3p.circles.selectors import (
    ZOOM_MAX_PEOPLE,
    ZOOM_MAX_ROOMS,
    RoundInputs,
    attendees_for_rooms,
    choices_for,
    circles_of,
    display_name_of,
    members_needing_interpreters,
    memberships_due_check_in,
    rooms_of,
    round_inputs,
    zoom_rows,
)
from dm3p.core.services import audit_record, email_text_queue
from dm3p.events.models import Event
from dm3p.members.models import Term
from dm3p.members.selectors import MEMBER_STATUSES


class TooBigForZoomError(Exception):
    pass


@transaction.atomic
def room_save(*, actor: User, room: BreakoutRoom, values: Mapping[str, object]) -> BreakoutRoom:
    for name, value in values.items():
        setattr(room, name, value)
    room.full_clean()
    room.save()
    audit_record(actor=actor, action="breakout_room.save", target=room.event)
    return room


@transaction.atomic
def room_remove(*, actor: User, room: BreakoutRoom) -> None:
    event = room.event
    room.delete()
    audit_record(actor=actor, action="breakout_room.remove", target=event)


@transaction.atomic
def choice_save(*, member: User, event: Event, ranked_rooms: list[int]) -> None:
    BreakoutChoice.objects.update_or_create(
        event=event, member=member, defaults={"ranked_rooms": ranked_rooms}
    )


@dataclass(frozen=True)
class RoomsResult:
    placed: int
    unassigned: list[tuple[User, str]]


def _topic(room: BreakoutRoom) -> str:
    return f"room-{room.pk}"


@transaction.atomic
def rooms_assign(*, actor: User, event: Event) -> RoomsResult:
    """Place everyone coming into a room with the matching engine: interpretation needs are
    hard, first choices first, sizes balanced. Replaces earlier assignments."""
    rooms = list(rooms_of(event=event))
    rsvps = list(attendees_for_rooms(event=event))
    if len(rooms) > ZOOM_MAX_ROOMS or len(rsvps) > ZOOM_MAX_PEOPLE:
        raise TooBigForZoomError(
            f"Zoom takes at most {ZOOM_MAX_ROOMS} rooms and {ZOOM_MAX_PEOPLE} people; this "
            f"gathering has {len(rooms)} rooms and {len(rsvps)} people coming."
        )
    choices = choices_for(event=event)
    needs = members_needing_interpreters(event=event)
    by_id = {room.pk: room for room in rooms}
    gathering = parse_gathering(
        {
            "rooms": [
                {
                    "id": str(room.pk),
                    "topic": _topic(room),
                    "capacity": room.capacity,
                    "interpreter": room.has_interpreter,
                }
                for room in rooms
            ],
            "attendees": [
                {
                    "id": str(rsvp.member_id),
                    "choices": [
                        _topic(by_id[pk]) for pk in choices.get(rsvp.member_id, []) if pk in by_id
                    ],
                    "needs_interpreter": rsvp.member_id in needs,
                }
                for rsvp in rsvps
            ],
            "seed": event.pk,
        }
    )
    outcome = assign_rooms(gathering)
    BreakoutAssignment.objects.filter(room__event=event).delete()
    BreakoutAssignment.objects.bulk_create(
        [
            BreakoutAssignment(room_id=int(room_id), member_id=int(member_id))
            for room_id, members in outcome.members.items()
            for member_id in members
        ]
    )
    people = {rsvp.member_id: rsvp.member for rsvp in rsvps}
    audit_record(actor=actor, action="breakout_rooms.assign", target=event)
    return RoomsResult(
        placed=sum(len(members) for members in outcome.members.values()),
        unassigned=[(people[int(member_id)], reason) for member_id, reason in outcome.unassigned],
    )


def zoom_csv(*, event: Event) -> bytes:
    """Zoom's pre-assignment file: the exact header, UTF-8 without a byte-order mark, CRLF
    line ends, fields quoted only when they must be."""
    rows = zoom_rows(event=event)
    if len({room for room, _ in rows}) > ZOOM_MAX_ROOMS or len(rows) > ZOOM_MAX_PEOPLE:
        raise TooBigForZoomError(
            f"Zoom takes at most {ZOOM_MAX_ROOMS} rooms and {ZOOM_MAX_PEOPLE} people."
        )
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["Pre-assign Room Name", "Email Address"])
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


# Matching rounds.


class RoundClosedError(Exception):
    pass


class MoveRefusedError(Exception):
    pass


class PublishRefusedError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@transaction.atomic
def round_save(*, actor: User, round: MatchingRound, values: Mapping[str, object]) -> MatchingRound:
    for name, value in values.items():
        setattr(round, name, value)
    round.full_clean()
    round.save()
    audit_record(actor=actor, action="matching_round.save", target=round)
    return round


@transaction.atomic
def round_announce(*, actor: User, round: MatchingRound) -> None:
    """Tell every member that sign-up is open: the e-mails go out in the background."""
    if not round.signup_open_on(timezone.localdate()):
        raise RoundClosedError("Sign-up for this round isn't open, so there's nothing to announce.")
    round.announced_at = timezone.now()
    round.save(update_fields=["announced_at"])
    audit_record(actor=actor, action="matching_round.announce", target=round)
    from dm3p.circles.tasks import round_announcement

    transaction.on_commit(lambda: round_announcement.enqueue(round.pk))


def round_announcement_send(*, round_id: int) -> int:
    """E-mail each member (once: the outbox key) that the round's sign-up is open."""
    round = MatchingRound.objects.get(pk=round_id)
    if not round.signup_open_on(timezone.localdate()):
        return 0
    link = f"{settings.SITE_URL}{reverse('circles:join', args=[round.pk])}"
    closes = round.signup_closes_on
    until = f"{closes:%A} {closes.day} {closes:%B}"
    members = list(User.objects.filter(membership_status__in=MEMBER_STATUSES))
    for member in members:
        email_text_queue(
            key=f"round-open:{round.pk}:{member.pk}",
            kind=CIRCLE_UPDATES.key,
            recipient=member,
            subject=f"Join {round.name}: sign-up is open until {until}",
            text=f"Sign-up for {round.name} is open until {until}. Circles of "
            f"{round.min_size} to {round.max_size} people meet "
            f"{round.get_meets_display().lower()}, and everyone in them is both mentor and "
            f"mentee.\n\nJoining takes a few minutes; your answers start from your profile: "
            f"{link}",
        )
    return len(members)


@dataclass(frozen=True)
class EntryChoices:
    topics_offered: list[Term]
    topics_sought: list[Term]
    modes: list[Term]
    availability: list[int]
    time_zone: str
    profession_preference: str
    avoid: list[User]


@transaction.atomic
def preferences_save(*, member: User, profession_preference: str, avoid: list[User]) -> None:
    preferences, _ = MatchingPreferences.objects.update_or_create(
        member=member, defaults={"profession_preference": profession_preference}
    )
    preferences.avoid.set([person for person in avoid if person.pk != member.pk])


@transaction.atomic
def entry_save(*, member: User, round: MatchingRound, choices: EntryChoices) -> RoundEntry:
    """Opt in to a round (or change one's answers) while its sign-up is open."""
    if not round.signup_open_on(timezone.localdate()):
        raise RoundClosedError("Sign-up for this round has closed.")
    entry, _ = RoundEntry.objects.update_or_create(
        round=round,
        member=member,
        defaults={"availability": choices.availability, "time_zone": choices.time_zone},
    )
    entry.topics_offered.set(choices.topics_offered)
    entry.topics_sought.set(choices.topics_sought)
    entry.modes.set(choices.modes)
    preferences_save(
        member=member,
        profession_preference=choices.profession_preference,
        avoid=choices.avoid,
    )
    return entry


@transaction.atomic
def entry_withdraw(*, member: User, round: MatchingRound) -> None:
    if not round.signup_open_on(timezone.localdate()):
        raise RoundClosedError("Sign-up for this round has closed.")
    RoundEntry.objects.filter(round=round, member=member).delete()
    # Out of the draft too, if organizers already ran matching.
    CircleMembership.objects.filter(round=round, member=member).delete()


@transaction.atomic
def matching_start(*, actor: User, round: MatchingRound) -> None:
    """Queue the engine for the round's members outside locked circles."""
    locked = MatchingRound.objects.select_for_update().get(pk=round.pk)
    if locked.published_at is not None:
        raise MoveRefusedError("This round's circles are already published.")
    if _run_in_progress(locked):
        raise MoveRefusedError("Matching is already running for this round.")
    locked.run_status = RunStatus.QUEUED
    locked.run_started_at = timezone.now()
    locked.run_phase = "Waiting for the worker to start"
    locked.run_percent = 0
    locked.run_count += 1
    locked.save(
        update_fields=["run_status", "run_phase", "run_percent", "run_count", "run_started_at"]
    )
    audit_record(actor=actor, action="matching_round.run", target=round)
    from dm3p.circles.tasks import round_match

    transaction.on_commit(lambda: round_match.enqueue(round.pk))


def _run_in_progress(round: MatchingRound) -> bool:
    """A run queued or running, unless it has outlived any real run (its worker stopped),
    so organizers can start again."""
    if round.run_status not in {RunStatus.QUEUED, RunStatus.RUNNING}:
        return False
    longest = dt.timedelta(seconds=settings.CIRCLES_MATCH_TIME_LIMIT_S * 2 + 600)
    return round.run_started_at is None or timezone.now() - round.run_started_at < longest


def _token(prefix: str, pk: int | None) -> str:
    return f"{prefix}{pk}"


def cohort_input(
    *, round: MatchingRound, inputs: RoundInputs, member_ids: Iterable[int]
) -> dict[str, Any]:
    """The engine's input (MATCHING.md) for some of the round's members."""
    members = []
    for member_id in sorted(member_ids):
        seat = inputs.seats[member_id]
        member: dict[str, Any] = {
            "id": str(member_id),
            "offers": [_token("t", pk) for pk in sorted(seat.offers)],
            "seeks": [_token("t", pk) for pk in sorted(seat.seeks)],
            "modes": [_token("m", pk) for pk in sorted(seat.modes)],
            "avoid": [str(pk) for pk in sorted(inputs.avoid.get(member_id, set()))],
            "past_groupmates": [str(pk) for pk in sorted(seat.past)],
            "profession_preference": inputs.preferences[member_id],
        }
        if seat.stage is not None:
            member["stage"] = _token("s", seat.stage)
        if seat.profession is not None:
            member["profession"] = _token("p", seat.profession)
        if seat.slots:
            member["slots"] = sorted(seat.slots)
        members.append(member)
    return {
        "group_size": {"min": round.min_size, "max": round.max_size},
        "time_limit_s": settings.CIRCLES_MATCH_TIME_LIMIT_S,
        "seed": round.pk * 1000 + round.run_count,
        "members": members,
    }


def _progress_report(round_id: int) -> Callable[[str, int], None]:
    def report(phase: str, percent: int) -> None:
        MatchingRound.objects.filter(pk=round_id).update(run_phase=phase, run_percent=percent)

    return report


def matching_run(*, round_id: int) -> None:
    """The background half of a run: the engine places everyone outside locked circles and
    its circles replace the unlocked draft ones."""
    round = MatchingRound.objects.get(pk=round_id)
    if round.run_status != RunStatus.QUEUED:
        return
    MatchingRound.objects.filter(pk=round_id).update(
        run_status=RunStatus.RUNNING, run_phase="Starting", run_percent=0
    )
    inputs = round_inputs(round=round)
    locked_ids = set(
        CircleMembership.objects.filter(round=round, circle__locked=True).values_list(
            "member_id", flat=True
        )
    )
    free = [member_id for member_id in inputs.seats if member_id not in locked_ids]
    try:
        cohort = parse_cohort(cohort_input(round=round, inputs=inputs, member_ids=free))
        result = circles_output(match_circles(cohort, progress=_progress_report(round_id)))
    except Exception:
        MatchingRound.objects.filter(pk=round_id).update(
            run_status=RunStatus.FAILED,
            run_phase="The engine stopped with an error. Try again; if it happens again, "
            "tell the site's administrators.",
        )
        raise
    _draft_store(round=round, result=result, inputs=inputs)


@transaction.atomic
def _draft_store(*, round: MatchingRound, result: dict[str, Any], inputs: RoundInputs) -> None:
    Circle.objects.filter(round=round, locked=False).delete()
    taken = set(Circle.objects.filter(round=round).values_list("number", flat=True))
    free_numbers = (number for number in itertools.count(1) if number not in taken)
    for group in result["groups"]:
        circle = Circle.objects.create(round=round, number=next(free_numbers))
        CircleMembership.objects.bulk_create(
            [
                CircleMembership(circle=circle, round=round, member_id=int(member_id))
                for member_id in group["members"]
            ]
        )
    reasons = {int(item["id"]): item["reason"] for item in result["unassigned"]}
    for member_id, entry in inputs.entries.items():
        reason = reasons.get(member_id, "")
        if entry.unassigned_reason != reason:
            RoundEntry.objects.filter(pk=entry.pk).update(unassigned_reason=reason)
    MatchingRound.objects.filter(pk=round.pk).update(
        run_status=RunStatus.DONE,
        run_phase="Done",
        run_percent=100,
        run_finished_at=timezone.now(),
        run_stats={
            "placed": sum(len(group["members"]) for group in result["groups"]),
            "unassigned": len(result["unassigned"]),
            "seconds": result["stats"]["seconds"],
            "solver": result["stats"]["solver"],
        },
    )


def _refuse_unless_draft(round: MatchingRound) -> None:
    if round.published_at is not None:
        raise MoveRefusedError("This round's circles are already published.")
    if _run_in_progress(round):
        raise MoveRefusedError("Wait for matching to finish before changing circles.")


@transaction.atomic
def member_move(*, actor: User, round: MatchingRound, member: User, to: Circle | None) -> None:
    """Move a member to another draft circle, or out of every circle. Refused when it would
    put them with someone on either's avoid list: the refusal names nobody."""
    _refuse_unless_draft(round)
    current = (
        CircleMembership.objects.filter(round=round, member=member).select_related("circle").first()
    )
    if current is not None and current.circle.locked:
        raise MoveRefusedError(f"{current.circle} is locked. Unlock it to move people out of it.")
    if to is not None:
        if to.locked:
            raise MoveRefusedError(f"{to} is locked. Unlock it to move people into it.")
        mates = set(to.memberships.exclude(member=member).values_list("member_id", flat=True))
        avoided = _avoid_pairs_of(member.pk, mates)
        if avoided:
            raise MoveRefusedError(
                f"A constraint applies: {display_name_of(member)} can't join {to}. "
                "Choose another circle."
            )
    if current is not None:
        current.delete()
    if to is not None:
        CircleMembership.objects.create(circle=to, round=round, member=member)
        RoundEntry.objects.filter(round=round, member=member).update(unassigned_reason="")
    else:
        RoundEntry.objects.filter(round=round, member=member).update(
            unassigned_reason="Taken out of the circles by an organizer"
        )
    audit_record(actor=actor, action="matching_round.move", target=round, subject_user=member)


def _avoid_pairs_of(member_id: int, others: set[int]) -> bool:
    return MatchingPreferences.avoid.through.objects.filter(
        Q(matchingpreferences__member_id=member_id, user_id__in=others)
        | Q(matchingpreferences__member_id__in=others, user_id=member_id)
    ).exists()


@transaction.atomic
def circle_lock(*, actor: User, circle: Circle, locked: bool) -> None:
    _refuse_unless_draft(circle.round)
    circle.locked = locked
    circle.save(update_fields=["locked"])
    audit_record(
        actor=actor,
        action="matching_round.lock" if locked else "matching_round.unlock",
        target=circle.round,
    )


def publish_problems(*, round: MatchingRound) -> list[str]:
    """Why the draft can't be published yet: circles that break a hard rule."""
    inputs = round_inputs(round=round)
    problems = []
    circles = list(circles_of(round=round))
    if not circles:
        problems.append("There are no circles yet. Run matching first.")
    for circle in circles:
        seats = [
            inputs.seats[membership.member_id]
            for membership in circle.memberships.all()
            if membership.member_id in inputs.seats
        ]
        quality = circle_quality(seats)
        if not round.min_size <= quality.size <= round.max_size:
            problems.append(
                f"{circle} has {quality.size} people; this round's circles have "
                f"{round.min_size} to {round.max_size}."
            )
        if not quality.common_hours:
            problems.append(f"{circle} has no hour of the week when everyone is free.")
        if not (quality.any_mode or quality.common_modes):
            problems.append(f"{circle} has no way of communicating that everyone can use.")
    return problems


@transaction.atomic
def round_publish(*, actor: User, round: MatchingRound) -> int:
    """Publish the circles: each member hears by e-mail and on the site; those left out
    hear too. Returns how many people were told about their circle."""
    _refuse_unless_draft(round)
    problems = publish_problems(round=round)
    if problems:
        raise PublishRefusedError(problems)
    round.published_at = timezone.now()
    round.save(update_fields=["published_at"])
    memberships = CircleMembership.objects.filter(round=round).select_related("circle", "member")
    for membership in memberships:
        link = f"{settings.SITE_URL}{reverse('circles:circle', args=[membership.circle_id])}"
        email_text_queue(
            key=f"circle-published:{membership.pk}",
            kind=CIRCLE_UPDATES.key,
            recipient=membership.member,
            subject=f"Your circle for {round.name} is ready",
            text=f"Your mentorship circle for {round.name} is ready: {membership.circle}.\n\n"
            f"See who is in it, the times you can all meet (in your own time zone) and "
            f"the topics you share on its page: {link}",
        )
    placed = {membership.member_id for membership in memberships}
    for entry in (
        RoundEntry.objects.filter(round=round)
        .exclude(member_id__in=placed)
        .select_related("member")
    ):
        email_text_queue(
            key=f"circle-not-placed:{entry.pk}",
            kind=CIRCLE_UPDATES.key,
            recipient=entry.member,
            subject=f"About your circle for {round.name}",
            text=f"Thank you for joining {round.name}. This time we could not place you in a "
            "circle that fits your hours and ways of communicating. The organizers will be in "
            "touch, and you'll be first in line next round.",
        )
    audit_record(actor=actor, action="matching_round.publish", target=round)
    return len(placed)


@transaction.atomic
def circle_seen(*, membership: CircleMembership) -> None:
    if membership.seen_at is None:
        membership.seen_at = timezone.now()
        membership.save(update_fields=["seen_at"])


@transaction.atomic
def note_add(*, author: User, circle: Circle, text: str) -> CircleNote:
    return CircleNote.objects.create(circle=circle, author=author, text=text)


@transaction.atomic
def note_remove(*, author: User, note: CircleNote) -> None:
    if note.author_id != author.pk:
        raise MoveRefusedError("Only the person who wrote a note can remove it.")
    note.delete()


@dataclass(frozen=True)
class CheckInAnswers:
    rating: int
    comment: str
    share_comment: bool
    pause: bool
    wants_different: bool


@transaction.atomic
def check_in_save(*, membership: CircleMembership, answers: CheckInAnswers) -> CheckIn:
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
    """E-mail everyone whose check-in is due; one reminder per due date, never repeated.
    Returns how many were due (the outbox keeps a second run from sending again)."""
    sent = 0
    for membership, since in memberships_due_check_in(day=timezone.localdate()):
        link = f"{settings.SITE_URL}{reverse('circles:check_in', args=[membership.circle_id])}"
        email_text_queue(
            key=f"circle-check-in:{membership.pk}:{since.isoformat()}",
            kind=CHECK_IN_REMINDERS.key,
            recipient=membership.member,
            subject=f"How is your circle going? ({membership.circle.round.name})",
            text="A one-minute check-in: how is your circle going? You can also pause, or "
            f"ask for a different circle next round.\n\n{link}",
        )
        sent += 1
    return sent
