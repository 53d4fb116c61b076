"""Matching rounds until sign-up closes: opening and changing a round, announcing it, and
members' entries and standing preferences."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now
from dm3p.circles.emails import ROUND_OPEN
from dm3p.circles.models import CircleMembership, MatchingPreferences, MatchingRound, RoundEntry
from dm3p.circles.services.refusals import RoundClosed
from dm3p.core.links import site_link
from dm3p.core.services import answers_save, audit_record, email_wording_queue
from dm3p.members.models import Term


@dataclass(frozen=True)
class RoundAnswers:
    name: str
    description: str
    signup_opens_on: dt.date
    signup_closes_on: dt.date
    starts_on: dt.date
    ends_on: dt.date
    min_size: int
    max_size: int
    meets: str
    check_in_every_weeks: int


@transaction.atomic
def round_create(*, actor: User, answers: RoundAnswers) -> MatchingRound:
    round = MatchingRound()
    answers_save(actor=actor, instance=round, answers=answers, action="matching_round.save")
    return round


@transaction.atomic
def round_update(*, actor: User, round: MatchingRound, answers: RoundAnswers) -> MatchingRound:
    stored = MatchingRound.objects.select_for_update().get(pk=round.pk)
    answers_save(actor=actor, instance=stored, answers=answers, action="matching_round.save")
    return stored


@transaction.atomic
def round_announce(*, actor: User, round: MatchingRound) -> None:
    """Mark the round announced; the view queues the e-mails (round_announcement_send)."""
    if not round.signup_open_on(timezone.localdate()):
        raise RoundClosed("Sign-up for this round isn't open, so there's nothing to announce.")
    round.announced_at = timezone.now()
    round.save(update_fields=["announced_at"])
    audit_record(actor=actor, action="matching_round.announce", target=round)


def round_announcement_send(*, round_id: int) -> int:
    """E-mail each member (once: the outbox key) that the round's sign-up is open. Nothing
    is sent once sign-up has closed. Returns how many were written."""
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
class PreferencesAnswers:
    profession_preference: str
    avoid: list[User]


@dataclass(frozen=True)
class EntryAnswers:
    topics_offered: list[Term]
    topics_sought: list[Term]
    modes: list[Term]
    availability: list[int]
    time_zone: str
    preferences: PreferencesAnswers


@transaction.atomic
def preferences_save(*, member: User, answers: PreferencesAnswers) -> None:
    preferences, _ = MatchingPreferences.objects.update_or_create(
        member=member, defaults={"profession_preference": answers.profession_preference}
    )
    preferences.avoid.set([person for person in answers.avoid if person.pk != member.pk])


@transaction.atomic
def entry_save(*, member: User, round: MatchingRound, answers: EntryAnswers) -> RoundEntry:
    """Opt in to a round (or change one's answers) while its sign-up is open."""
    if not round.signup_open_on(timezone.localdate()):
        raise RoundClosed("Sign-up for this round has closed.")
    entry, _ = RoundEntry.objects.update_or_create(
        round=round,
        member=member,
        defaults={"availability": answers.availability, "time_zone": answers.time_zone},
    )
    entry.topics_offered.set(answers.topics_offered)
    entry.topics_sought.set(answers.topics_sought)
    entry.modes.set(answers.modes)
    preferences_save(member=member, answers=answers.preferences)
    return entry


@transaction.atomic
def entry_withdraw(*, member: User, round: MatchingRound) -> None:
    if not round.signup_open_on(timezone.localdate()):
        raise RoundClosed("Sign-up for this round has closed.")
    RoundEntry.objects.filter(round=round, member=member).delete()
    # Out of the draft too, if organizers already ran matching.
    CircleMembership.objects.filter(round=round, member=member).delete()
