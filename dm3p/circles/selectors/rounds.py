"""Matching rounds: the rounds, members' entries and standing preferences, and what the
engine needs to know about who must not meet and who met before."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now_q
from dm3p.circles.models import CircleMembership, MatchingPreferences, MatchingRound, RoundEntry
from dm3p.members.selectors import DirectoryFilters, directory_visible_to


def rounds_all() -> QuerySet[MatchingRound]:
    return MatchingRound.objects.annotate(entry_count=Count("entries", distinct=True))


def round_get(*, pk: int) -> MatchingRound | None:
    return rounds_all().filter(pk=pk).first()


def rounds_open_on(*, day: dt.date) -> QuerySet[MatchingRound]:
    return MatchingRound.objects.filter(
        published_at__isnull=True,
        signup_closed_at__isnull=True,
        signup_opens_on__lte=day,
        signup_closes_on__gte=day,
    ).order_by("signup_closes_on", "id")


def entry_of(*, round: MatchingRound, member: Any) -> RoundEntry | None:
    return (
        RoundEntry.objects.filter(round=round, member=member)
        .prefetch_related("topics_offered", "topics_sought", "modes")
        .first()
    )


@dataclass(frozen=True)
class MyEntries:
    """The rounds a member joined: which, and how each stands for them."""

    rounds: set[int]
    waiting: list[MatchingRound]  # sign-up closed, circles not yet published
    not_placed: list[MatchingRound]  # published without a circle for them


def entries_of_member(*, member: Any) -> MyEntries:
    today = timezone.localdate()
    entries = list(
        RoundEntry.objects.filter(member=member)
        .select_related("round")
        .annotate(
            placed=Count(
                "round__circles__memberships",
                filter=Q(round__circles__memberships__member=member),
            )
        )
        .order_by("-round__starts_on", "-id")
    )
    return MyEntries(
        rounds={entry.round_id for entry in entries},
        waiting=[
            entry.round
            for entry in entries
            if entry.round.published_at is None and entry.round.signup_closed_on(today)
        ],
        not_placed=[
            entry.round
            for entry in entries
            if entry.round.published_at is not None
            and not entry.placed
            and entry.round.ends_on >= today
        ],
    )


def preferences_of(*, member: Any) -> MatchingPreferences | None:
    return (
        MatchingPreferences.objects.filter(member=member).prefetch_related("avoid__profile").first()
    )


def entries_of(*, round: MatchingRound) -> QuerySet[RoundEntry]:
    """The round's entries from people who are still members (not declined or suspended)."""
    return (
        RoundEntry.objects.filter(members_now_q("member"), round=round)
        .select_related("member__profile__stage", "member__matching_preferences")
        .prefetch_related(
            "topics_offered", "topics_sought", "modes", "member__profile__professions"
        )
    )


def avoid_pairs(*, member_ids: set[int]) -> dict[int, set[int]]:
    """Both directions of every avoid pair among ``member_ids``."""
    pairs: dict[int, set[int]] = {}
    through = MatchingPreferences.avoid.through.objects.filter(
        matchingpreferences__member_id__in=member_ids, user_id__in=member_ids
    ).values_list("matchingpreferences__member_id", "user_id")
    for owner, avoided in through:
        pairs.setdefault(owner, set()).add(avoided)
        pairs.setdefault(avoided, set()).add(owner)
    return pairs


def avoid_pair_between(*, member_id: int, others: set[int]) -> bool:
    """Whether ``member_id`` and any of ``others`` must not share a circle (either way)."""
    return MatchingPreferences.avoid.through.objects.filter(
        Q(matchingpreferences__member_id=member_id, user_id__in=others)
        | Q(matchingpreferences__member_id__in=others, user_id=member_id)
    ).exists()


def past_groupmates(*, member_ids: set[int], before: MatchingRound) -> dict[int, set[int]]:
    """For each member, who shared a published circle with them in an earlier round."""
    rows = (
        CircleMembership.objects.filter(
            member_id__in=member_ids, circle__round__published_at__isnull=False
        )
        .exclude(round=before)
        .values_list("circle_id", "member_id")
    )
    circles: dict[int, set[int]] = {}
    for circle_id, member_id in rows:
        circles.setdefault(circle_id, set()).add(member_id)
    mates: dict[int, set[int]] = {}
    for people in circles.values():
        for person in people:
            mates.setdefault(person, set()).update(people - {person})
    return mates


def asked_to_move(*, member_ids: set[int], round: MatchingRound) -> set[int]:
    """Who asked, in an earlier round, for a different circle next time."""
    return set(
        CircleMembership.objects.filter(member_id__in=member_ids, wants_different=True)
        .exclude(round=round)
        .values_list("member_id", flat=True)
    )


def people_findable_by(*, viewer: Any) -> QuerySet[User]:
    """The people ``viewer`` could find in the members' directory (its own rules: members
    now, with a profile listed there), but never the viewer. Never by e-mail address: that
    would tell a member whether an address belongs to someone in the program."""
    listed = directory_visible_to(viewer=viewer, filters=DirectoryFilters())
    return User.objects.filter(profile__in=listed.values("pk")).exclude(pk=viewer.pk)


def people_listed(people: QuerySet[User]) -> QuerySet[User]:
    """``people`` by name, with what their names are read from."""
    return people.select_related("profile").order_by("profile__display_name", "name", "pk")
