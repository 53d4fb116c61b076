"""Organizers' changes to a round's draft circles before they are published: moving several
people at once, swapping two, starting a circle by hand, locking a circle. Each change is
refused whole (nothing moves) when the round is published, matching is running, a circle
involved is locked, or it would put people on each other's avoid lists together: that
refusal names nobody avoided. Circles a change leaves empty are removed."""

from collections.abc import Sequence

from django.db import transaction
from django.db.models import Max

from dm3p.accounts.models import User
from dm3p.circles.models import CIRCLE_NAME_MAX, Circle, CircleMembership, MatchingRound, RoundEntry
from dm3p.circles.reasons import TAKEN_OUT
from dm3p.circles.selectors.rounds import avoid_pair_between
from dm3p.circles.services.drafts import _refuse_unless_draft
from dm3p.circles.services.refusals import CircleChangeRefused
from dm3p.core.services import audit_record, audit_record_many


def _draft_for_change(round: MatchingRound) -> MatchingRound:
    """The round, locked against a matching run starting meanwhile; refused unless its
    circles can still be changed."""
    current = MatchingRound.objects.select_for_update().get(pk=round.pk)
    _refuse_unless_draft(current)
    return current


def _memberships(round: MatchingRound, people: Sequence[User]) -> dict[int, CircleMembership]:
    return {
        membership.member_id: membership
        for membership in CircleMembership.objects.filter(
            round=round, member__in=people
        ).select_related("circle")
    }


def _refuse_locked_sources(memberships: dict[int, CircleMembership]) -> None:
    for membership in memberships.values():
        if membership.circle.locked:
            raise CircleChangeRefused(
                f"{membership.circle} is locked. Unlock it to move people out of it."
            )


def _refuse_avoided(people: Sequence[User], others: set[int], where: str) -> None:
    """Refuse if any of ``people`` would be with someone on either's avoid list, among
    ``others`` or each other. The refusal names only the person moved."""
    ids = {person.pk for person in people}
    for person in people:
        if avoid_pair_between(member_id=person.pk, others=(others | ids) - {person.pk}):
            raise CircleChangeRefused(
                f"A constraint applies: {person.display_name} can't join {where}. "
                "Choose another circle, or other people."
            )


def _empty_circles_remove(round: MatchingRound) -> None:
    Circle.objects.filter(round=round, locked=False, memberships__isnull=True).delete()


def _audit_moves(actor: User, round: MatchingRound, people: Sequence[User]) -> None:
    audit_record_many(
        actor=actor,
        action="matching_round.move",
        items=[(person, round, ()) for person in people],
    )


def _place(round: MatchingRound, people: Sequence[User], circle: Circle) -> None:
    CircleMembership.objects.filter(round=round, member__in=people).delete()
    CircleMembership.objects.bulk_create(
        [CircleMembership(circle=circle, round=round, member=person) for person in people]
    )
    RoundEntry.objects.filter(round=round, member__in=people).update(unassigned_reason="")


@transaction.atomic
def members_move(
    *, actor: User, round: MatchingRound, people: Sequence[User], to: Circle | None
) -> None:
    """Move ``people`` to the draft circle ``to``, or out of every circle (None)."""
    round = _draft_for_change(round)
    if not people:
        raise CircleChangeRefused("Tick at least one person to move.", field="people")
    memberships = _memberships(round, people)
    _refuse_locked_sources(memberships)
    if to is not None:
        if to.locked:
            raise CircleChangeRefused(f"{to} is locked. Unlock it to move people into it.")
        moving = [
            person
            for person in people
            if person.pk not in memberships or memberships[person.pk].circle_id != to.pk
        ]
        if not moving:
            raise CircleChangeRefused(
                f"Everyone ticked is already in {to}. Choose another circle.", field="to"
            )
        mates = set(to.memberships.values_list("member_id", flat=True))
        _refuse_avoided(moving, mates, str(to))
        _place(round, moving, to)
    else:
        if not memberships:
            raise CircleChangeRefused(
                "Nobody ticked is in a circle. Choose a circle to move them to.", field="to"
            )
        moving = [person for person in people if person.pk in memberships]
        CircleMembership.objects.filter(round=round, member__in=moving).delete()
        RoundEntry.objects.filter(round=round, member__in=moving).update(
            unassigned_reason=TAKEN_OUT
        )
    _empty_circles_remove(round)
    _audit_moves(actor, round, moving)


@transaction.atomic
def members_swap(
    *, actor: User, round: MatchingRound, one: User, other: User
) -> tuple[Circle, Circle]:
    """Swap two people in different draft circles; returns the circles ``one`` and
    ``other`` are in now."""
    round = _draft_for_change(round)
    memberships = _memberships(round, [one, other])
    for person in (one, other):
        if person.pk not in memberships:
            raise CircleChangeRefused(
                f"{person.display_name} isn't in a circle, so there is nothing to swap. "
                "Move them instead.",
                field="people",
            )
    first, second = memberships[one.pk], memberships[other.pk]
    if first.circle_id == second.circle_id:
        raise CircleChangeRefused(
            f"{one.display_name} and {other.display_name} are both in {first.circle}. "
            "Tick two people in different circles to swap them.",
            field="people",
        )
    _refuse_locked_sources(memberships)
    for person, into in ((one, second), (other, first)):
        mates = set(into.circle.memberships.exclude(pk=into.pk).values_list("member_id", flat=True))
        _refuse_avoided([person], mates, str(into.circle))
    first_circle, second_circle = first.circle, second.circle
    CircleMembership.objects.filter(pk=first.pk).update(circle=second_circle)
    CircleMembership.objects.filter(pk=second.pk).update(circle=first_circle)
    _audit_moves(actor, round, [one, other])
    return second_circle, first_circle


@transaction.atomic
def circle_start(
    *, actor: User, round: MatchingRound, people: Sequence[User], name: str = ""
) -> Circle:
    """A new draft circle of ``people``, numbered after the others, with an optional name."""
    round = _draft_for_change(round)
    if not people:
        raise CircleChangeRefused("Tick the people to start the circle with.", field="people")
    name = " ".join(name.split())
    if len(name) > CIRCLE_NAME_MAX:
        raise CircleChangeRefused(
            f"Keep the name to {CIRCLE_NAME_MAX} characters or fewer.", field="name"
        )
    if name and Circle.objects.filter(round=round, name__iexact=name).exists():
        raise CircleChangeRefused(
            f"Another circle is already called “{name}”. Choose another name.", field="name"
        )
    _refuse_locked_sources(_memberships(round, people))
    # Named nobody: with two people ticked, a name would point at the pair.
    ids = {person.pk for person in people}
    if any(avoid_pair_between(member_id=person.pk, others=ids - {person.pk}) for person in people):
        raise CircleChangeRefused(
            "A constraint applies to this group, so they can't start a circle together. "
            "Choose other people."
        )
    highest = Circle.objects.filter(round=round).aggregate(Max("number"))["number__max"] or 0
    circle = Circle.objects.create(round=round, number=highest + 1, name=name)
    _place(round, people, circle)
    _empty_circles_remove(round)
    audit_record(actor=actor, action="matching_round.circle_start", target=round)
    _audit_moves(actor, round, people)
    return circle
