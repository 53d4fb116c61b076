"""Circles and their life: who is in which, notes, check-ins, and whose check-in is due."""

import datetime as dt
from typing import Any

from django.db.models import F, Max, Q, QuerySet
from django.utils import timezone

from dm3p.accounts.rules import is_member
from dm3p.accounts.selectors import members_now_q
from dm3p.circles.models import CheckIn, Circle, CircleMembership, CircleNote, MatchingRound


def circles_of(*, round: MatchingRound) -> QuerySet[Circle]:
    return Circle.objects.filter(round=round).prefetch_related("memberships__member__profile")


def memberships_of(*, member: Any) -> QuerySet[CircleMembership]:
    return (
        CircleMembership.objects.filter(member=member, circle__round__published_at__isnull=False)
        .select_related("circle__round")
        .order_by("-circle__round__starts_on", "-id")
    )


def membership_in(*, circle: Circle, member: Any) -> CircleMembership | None:
    return CircleMembership.objects.filter(circle=circle, member=member).first()


def circle_mate_ids(*, viewer: Any, day: dt.date) -> set[int]:
    """Who shares a published circle with ``viewer`` in a round still running, both being
    members now."""
    if not is_member(viewer):
        return set()
    return set(
        CircleMembership.objects.filter(
            members_now_q("member"),
            circle__memberships__member=viewer,
            circle__round__published_at__isnull=False,
            circle__round__ends_on__gte=day,
        )
        .exclude(member=viewer)
        .values_list("member_id", flat=True)
    )


def circles_unseen_by(*, member: Any) -> list[CircleMembership]:
    if not is_member(member):
        return []
    return list(
        CircleMembership.objects.filter(
            member=member, seen_at__isnull=True, circle__round__published_at__isnull=False
        ).select_related("circle__round")
    )


def notes_of(*, circle: Circle) -> QuerySet[CircleNote]:
    return CircleNote.objects.filter(circle=circle).select_related("author__profile")


def check_in_latest(*, circle: Circle, member: Any) -> CheckIn | None:
    return CheckIn.objects.filter(circle=circle, member=member).first()


def check_ins_of_round(*, round: MatchingRound) -> QuerySet[CheckIn]:
    """A round's check-ins; comments are read only where members shared them."""
    return (
        CheckIn.objects.filter(circle__round=round)
        .defer("comment")
        .select_related("member__profile")
    )


def comments_shared(*, round: MatchingRound) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(
        circle__round=round, share_comment=True, comment__isnull=False
    ).select_related("member__profile")


def memberships_due_check_in(*, day: dt.date) -> list[tuple[CircleMembership, dt.date]]:
    """Members of running circles, not paused, whose check-in is due, each with the date it
    fell due: every rhythm (of weeks) since their last check-in, or since the round began."""
    due: list[tuple[CircleMembership, dt.date]] = []
    memberships = (
        CircleMembership.objects.filter(
            members_now_q("member"),
            paused=False,
            circle__round__published_at__isnull=False,
            circle__round__starts_on__lte=day,
            circle__round__ends_on__gte=day,
        )
        .select_related("circle__round", "member")
        .annotate(
            last=Max(
                "member__check_ins__created_at", filter=Q(member__check_ins__circle=F("circle"))
            )
        )
    )
    for membership in memberships:
        round = membership.circle.round
        since = timezone.localdate(membership.last) if membership.last else round.starts_on
        rhythm = 7 * round.check_in_every_weeks
        periods = (day - since).days // rhythm
        if periods >= 1:
            due.append((membership, since + dt.timedelta(days=periods * rhythm)))
    return due
