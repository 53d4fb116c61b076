"""A round's circles from the first matching run until they are published: running the
engine in the background, storing its draft, organizers' moves and locks, publishing."""

import itertools
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now_q
from dm3p.circles.emails import CIRCLE_NOT_PLACED, CIRCLE_PUBLISHED
from dm3p.circles.enums import RunPhase, RunStatus
from dm3p.circles.hooks import round_published
from dm3p.circles.models import Circle, CircleMembership, MatchingRound, RoundEntry
from dm3p.circles.selectors.engine import MatchResult, circles_match, round_inputs
from dm3p.circles.selectors.round_pages import draft_of
from dm3p.circles.selectors.run_status import run_stalled
from dm3p.circles.services.refusals import CircleChangeRefused, PublishRefused
from dm3p.core.links import site_link
from dm3p.core.services import audit_record, email_wording_queue


def _run_in_progress(round: MatchingRound) -> bool:
    """A run queued or running, unless it is taking far longer than usual (its worker has
    surely stopped), so organizers can start again."""
    return round.run_pending and not run_stalled(round, timezone.now())


@transaction.atomic
def matching_start(*, actor: User, round: MatchingRound) -> int:
    """Ready a run of the engine for the round's members outside locked circles; the view
    queues it (matching_run). Returns the run's number, which the run must carry."""
    locked = MatchingRound.objects.select_for_update().get(pk=round.pk)
    if locked.published_at is not None:
        raise CircleChangeRefused("This round's circles are already published.")
    if _run_in_progress(locked):
        raise CircleChangeRefused("Matching is already running for this round.")
    locked.run_status = RunStatus.QUEUED
    locked.run_started_at = timezone.now()
    locked.run_phase = RunPhase.WAITING
    locked.run_percent = 0
    locked.run_count += 1
    locked.save(
        update_fields=["run_status", "run_phase", "run_percent", "run_count", "run_started_at"]
    )
    audit_record(actor=actor, action="matching_round.run", target=round)
    return locked.run_count


def _progress_report(round_id: int) -> Callable[[RunPhase, int], None]:
    def report(phase: RunPhase, percent: int) -> None:
        MatchingRound.objects.filter(pk=round_id).update(run_phase=phase, run_percent=percent)

    return report


def matching_run(*, round_id: int, run_count: int) -> None:
    """The background half of a run: the engine places everyone outside locked circles and
    its circles replace the unlocked draft ones. A run that was superseded (started again,
    or the round published meanwhile) changes nothing: nobody is waiting for it."""
    claimed = MatchingRound.objects.filter(
        pk=round_id, run_count=run_count, run_status=RunStatus.QUEUED, published_at__isnull=True
    ).update(run_status=RunStatus.RUNNING, run_phase=RunPhase.STARTING, run_percent=0)
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
        result = circles_match(
            round=round,
            inputs=inputs,
            member_ids=[member_id for member_id in inputs.members if member_id not in locked_ids],
            progress=_progress_report(round_id),
        )
        draft_store(round=round, result=result, run_count=run_count)
    except Exception:
        MatchingRound.objects.filter(pk=round_id, run_count=run_count).update(
            run_status=RunStatus.FAILED, run_phase=RunPhase.STOPPED
        )
        raise


@transaction.atomic
def draft_store(*, round: MatchingRound, result: MatchResult, run_count: int) -> None:
    """Replace the unlocked draft circles with a run's. A superseded run stores nothing."""
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
    for members in result.circles:
        circle = Circle.objects.create(round=round, number=next(free_numbers))
        CircleMembership.objects.bulk_create(
            [
                CircleMembership(circle=circle, round=round, member_id=member_id)
                for member_id in members
                if member_id in entries
            ]
        )
    for member_id, entry in entries.items():
        reason = result.unplaced.get(member_id, "")
        if entry.unassigned_reason != reason:
            RoundEntry.objects.filter(pk=entry.pk).update(unassigned_reason=reason)
    MatchingRound.objects.filter(pk=round.pk).update(
        run_status=RunStatus.DONE,
        run_phase=RunPhase.DONE,
        run_percent=100,
        run_finished_at=timezone.now(),
        run_stats={
            "placed": sum(len(members) for members in result.circles),
            "unassigned": len(result.unplaced),
            "seconds": result.seconds,
            "solver": result.solver,
        },
    )


def _refuse_unless_draft(round: MatchingRound) -> None:
    if round.published_at is not None:
        raise CircleChangeRefused("This round's circles are already published.")
    if _run_in_progress(round):
        raise CircleChangeRefused("Wait for matching to finish before changing circles.")


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


def _publish_problems(round: MatchingRound) -> list[str]:
    """Why the draft can't be published yet: circles that break a hard rule, as the
    engine's audit finds them (an avoid pair is reported without names)."""
    draft = draft_of(round=round, zone="UTC")
    if not draft.circles:
        return ["There are no circles yet. Run matching first."]
    return [f"{item.circle} {problem}." for item in draft.circles for problem in item.problems]


@transaction.atomic
def round_publish(*, actor: User, round: MatchingRound) -> int:
    """Publish the circles; members hear on the site, and by e-mail once the view queues
    round_publication_send. Returns how many people are in circles. Refused while sign-up
    is open: people could still join or change their answers after the circles are fixed."""
    _refuse_unless_draft(round)
    if round.signup_open_on(timezone.localdate()):
        raise CircleChangeRefused(
            "Sign-up is still open. Close sign-up first, then publish the circles."
        )
    problems = _publish_problems(round)
    if problems:
        raise PublishRefused(problems)
    round.published_at = timezone.now()
    round.save(update_fields=["published_at"])
    audit_record(actor=actor, action="matching_round.publish", target=round)
    transaction.on_commit(lambda: round_published(round))
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
