import csv
import datetime as dt
import io
import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from circle_matching import (
    Phase,
    assign_rooms,
    circles_output,
    match_circles,
    parse_cohort,
    parse_gathering,
)
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.accounts.rules import is_member
from dm3p.accounts.selectors import members_now, members_now_q
from dm3p.circles.emails import CHECK_IN_DUE, CIRCLE_NOT_PLACED, CIRCLE_PUBLISHED, ROUND_OPEN
from dm3p.circles.enums import RunStatus
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
from dm3p.circles.reasons import PHASES, ROOM_REASONS, TAKEN_OUT, reason_for_organizers
from dm3p.circles.selectors import (
    ZOOM_MAX_PEOPLE,
    ZOOM_MAX_ROOMS,
    attendees_for_rooms,
    avoid_pair_between,
    choices_for,
    cohort_input,
    draft_of,
    members_needing_interpreters,
    memberships_due_check_in,
    rooms_of,
    round_inputs,
    zoom_rows,
)
from dm3p.core.links import site_link
from dm3p.core.services import audit_record, email_wording_queue, instance_update
from dm3p.core.spreadsheets import starts_like_formula
from dm3p.events.models import Event
from dm3p.members.models import Term


class ZoomFileError(Exception):
    """Zoom's pre-assignment file can't be made; the message says why, for the organizer."""


class TooBigForZoomError(ZoomFileError):
    pass


class FormulaInZoomFileError(ZoomFileError):
    pass


@transaction.atomic
def room_save(*, actor: User, room: BreakoutRoom, values: Mapping[str, object]) -> BreakoutRoom:
    instance_update(actor=actor, instance=room, values=values, action="breakout_room.save")
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
        unassigned=[
            (people[int(member_id)], ROOM_REASONS[reason])
            for member_id, reason in outcome.unassigned
        ],
    )


def zoom_csv(*, event: Event) -> bytes:
    """Zoom's pre-assignment file: the exact header, UTF-8 without a byte-order mark, CRLF
    line ends, fields quoted only when they must be."""
    rows = zoom_rows(event=event)
    if len({room for room, _ in rows}) > ZOOM_MAX_ROOMS or len(rows) > ZOOM_MAX_PEOPLE:
        raise TooBigForZoomError(
            f"Zoom takes at most {ZOOM_MAX_ROOMS} rooms and {ZOOM_MAX_PEOPLE} people."
        )
    # Addresses are checked when they are typed in; this second guard refuses rather than
    # escape a cell (Zoom would then get the wrong address) or let a spreadsheet run it.
    unsafe = [cell for row in rows for cell in row if starts_like_formula(cell)]
    if unsafe:
        raise FormulaInZoomFileError(
            f"“{unsafe[0]}” starts with =, +, - or @, which a spreadsheet would run as a "
            "formula, so the file was not made. Correct that room name or address (in the "
            "room, or ask the member to correct their Zoom address) and try again."
        )
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(["Pre-assign Room Name", "Email Address"])
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


# Matching rounds.


class RoundClosedError(Exception):
    pass


class CircleChangeRefusedError(Exception):
    pass


class PublishRefusedError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@transaction.atomic
def round_save(*, actor: User, round: MatchingRound, values: Mapping[str, object]) -> MatchingRound:
    instance_update(actor=actor, instance=round, values=values, action="matching_round.save")
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
    link = site_link("circles:join", round.pk)
    closes = round.signup_closes_on
    until = f"{closes:%A} {closes.day} {closes:%B}"
    members = list(members_now())
    for member in members:
        email_wording_queue(
            email=ROUND_OPEN,
            outbox_key=f"round-open:{round.pk}:{member.pk}",
            recipient=member,
            values={
                "round_name": round.name,
                "closes": until,
                "min_size": round.min_size,
                "max_size": round.max_size,
                "meets": round.get_meets_display().lower(),
                "join_link": link,
            },
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
        raise CircleChangeRefusedError("This round's circles are already published.")
    if _run_in_progress(locked):
        raise CircleChangeRefusedError("Matching is already running for this round.")
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

    run_count = locked.run_count
    transaction.on_commit(lambda: round_match.enqueue(round.pk, run_count))


def _run_in_progress(round: MatchingRound) -> bool:
    """A run queued or running, unless it has outlived any real run (its worker stopped),
    so organizers can start again."""
    if round.run_status not in {RunStatus.QUEUED, RunStatus.RUNNING}:
        return False
    longest = dt.timedelta(seconds=settings.CIRCLES_MATCH_TIME_LIMIT_S * 2 + 600)
    return round.run_started_at is None or timezone.now() - round.run_started_at < longest


def _progress_report(round_id: int) -> Callable[[Phase, int], None]:
    def report(phase: Phase, percent: int) -> None:
        MatchingRound.objects.filter(pk=round_id).update(
            run_phase=PHASES[phase], run_percent=percent
        )

    return report


def matching_run(*, round_id: int, run_count: int) -> None:
    """The background half of a run: the engine places everyone outside locked circles and
    its circles replace the unlocked draft ones. A run that was superseded (started again,
    or the round published meanwhile) changes nothing."""
    claimed = MatchingRound.objects.filter(
        pk=round_id, run_count=run_count, run_status=RunStatus.QUEUED, published_at__isnull=True
    ).update(run_status=RunStatus.RUNNING, run_phase="Starting", run_percent=0)
    if not claimed:
        return
    round = MatchingRound.objects.get(pk=round_id)
    try:
        inputs = round_inputs(round=round)
        locked_ids = set(
            CircleMembership.objects.filter(round=round, circle__locked=True).values_list(
                "member_id", flat=True
            )
        )
        free = [member_id for member_id in inputs.seats if member_id not in locked_ids]
        cohort = parse_cohort(cohort_input(round=round, inputs=inputs, member_ids=free))
        result = circles_output(match_circles(cohort, progress=_progress_report(round_id)))
        draft_store(round=round, result=result, run_count=run_count)
    except Exception:
        MatchingRound.objects.filter(pk=round_id, run_count=run_count).update(
            run_status=RunStatus.FAILED,
            run_phase="The engine stopped with an error. Try again; if it happens again, "
            "tell the site's administrators.",
        )
        raise


@transaction.atomic
def draft_store(*, round: MatchingRound, result: dict[str, Any], run_count: int) -> None:
    current = MatchingRound.objects.select_for_update().get(pk=round.pk)
    if current.published_at is not None or current.run_count != run_count:
        return
    # Only people still in the round: someone may have left while the engine ran.
    entries = {
        entry.member_id: entry
        for entry in RoundEntry.objects.filter(members_now_q("member"), round=round)
    }
    Circle.objects.filter(round=round, locked=False).delete()
    taken = set(Circle.objects.filter(round=round).values_list("number", flat=True))
    free_numbers = (number for number in itertools.count(1) if number not in taken)
    for group in result["groups"]:
        circle = Circle.objects.create(round=round, number=next(free_numbers))
        CircleMembership.objects.bulk_create(
            [
                CircleMembership(circle=circle, round=round, member_id=int(member_id))
                for member_id in group["members"]
                if int(member_id) in entries
            ]
        )
    reasons = {int(item["id"]): item["reason"] for item in result["unassigned"]}
    for member_id, entry in entries.items():
        reason = reason_for_organizers(reasons[member_id]) if member_id in reasons else ""
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
        raise CircleChangeRefusedError("This round's circles are already published.")
    if _run_in_progress(round):
        raise CircleChangeRefusedError("Wait for matching to finish before changing circles.")


@transaction.atomic
def member_move(*, actor: User, round: MatchingRound, member: User, to: Circle | None) -> None:
    """Move a member to another draft circle, or out of every circle. Refused when it would
    put them with someone on either's avoid list: the refusal names nobody."""
    _refuse_unless_draft(round)
    current = (
        CircleMembership.objects.filter(round=round, member=member).select_related("circle").first()
    )
    if current is not None and current.circle.locked:
        raise CircleChangeRefusedError(
            f"{current.circle} is locked. Unlock it to move people out of it."
        )
    if to is not None:
        if to.locked:
            raise CircleChangeRefusedError(f"{to} is locked. Unlock it to move people into it.")
        mates = set(to.memberships.exclude(member=member).values_list("member_id", flat=True))
        if avoid_pair_between(member_id=member.pk, others=mates):
            raise CircleChangeRefusedError(
                f"A constraint applies: {member.display_name} can't join {to}. "
                "Choose another circle."
            )
    if current is not None:
        current.delete()
    if to is not None:
        CircleMembership.objects.create(circle=to, round=round, member=member)
        RoundEntry.objects.filter(round=round, member=member).update(unassigned_reason="")
    else:
        RoundEntry.objects.filter(round=round, member=member).update(unassigned_reason=TAKEN_OUT)
    audit_record(actor=actor, action="matching_round.move", target=round, subject_user=member)


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
    """Why the draft can't be published yet: circles that break a hard rule (an avoid pair
    is reported without names)."""
    draft = draft_of(round=round, zone="UTC")
    if not draft.circles:
        return ["There are no circles yet. Run matching first."]
    return [f"{item.circle} {problem}." for item in draft.circles for problem in item.problems]


@transaction.atomic
def round_publish(*, actor: User, round: MatchingRound) -> int:
    """Publish the circles; members hear by e-mail (sent in the background) and on the site.
    Returns how many people are in circles."""
    _refuse_unless_draft(round)
    problems = publish_problems(round=round)
    if problems:
        raise PublishRefusedError(problems)
    round.published_at = timezone.now()
    round.save(update_fields=["published_at"])
    audit_record(actor=actor, action="matching_round.publish", target=round)
    from dm3p.circles.tasks import round_publication

    transaction.on_commit(lambda: round_publication.enqueue(round.pk))
    return CircleMembership.objects.filter(members_now_q("member"), round=round).count()


def round_publication_send(*, round_id: int) -> int:
    """E-mail each member of a published round where their circle is, or that they weren't
    placed this time (once each: the outbox keys). Returns how many were written."""
    round = MatchingRound.objects.get(pk=round_id, published_at__isnull=False)
    memberships = CircleMembership.objects.filter(
        members_now_q("member"), round=round
    ).select_related("circle", "member")
    for membership in memberships:
        link = site_link("circles:circle", membership.circle_id)
        email_wording_queue(
            email=CIRCLE_PUBLISHED,
            outbox_key=f"circle-published:{membership.pk}",
            recipient=membership.member,
            values={
                "round_name": round.name,
                "circle_name": membership.circle,
                "circle_link": link,
            },
        )
    placed = {membership.member_id for membership in memberships}
    left_out = (
        RoundEntry.objects.filter(members_now_q("member"), round=round)
        .exclude(member_id__in=placed)
        .select_related("member")
    )
    for entry in left_out:
        email_wording_queue(
            email=CIRCLE_NOT_PLACED,
            outbox_key=f"circle-not-placed:{entry.pk}",
            recipient=entry.member,
            values={"round_name": round.name},
        )
    return len(placed) + len(left_out)


@transaction.atomic
def circle_seen(*, membership: CircleMembership) -> None:
    if membership.seen_at is None:
        membership.seen_at = timezone.now()
        membership.save(update_fields=["seen_at"])


@transaction.atomic
def note_add(*, author: User, circle: Circle, text: str) -> CircleNote:
    if not is_member(author) or not circle.memberships.filter(member=author).exists():
        raise CircleChangeRefusedError("Only the people in a circle can add notes to it.")
    return CircleNote.objects.create(circle=circle, author=author, text=text)


@transaction.atomic
def note_remove(*, author: User, note: CircleNote) -> None:
    if note.author_id != author.pk:
        raise CircleChangeRefusedError("Only the person who wrote a note can remove it.")
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
    round = membership.circle.round
    if not is_member(membership.member):
        raise CircleChangeRefusedError("Only members can check in with their circle.")
    if not round.running_on(timezone.localdate()):
        raise RoundClosedError(f"{round.name} has ended, so there's nothing to check in.")
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
