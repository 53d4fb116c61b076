"""Demo rounds: one whose circles are published (the demo member is in one, with notes and a
check-in; most circles have a name and a next meeting) and one open for sign-up."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now_q
from dm3p.circles.enums import RunStatus
from dm3p.circles.models import CircleMembership, MatchingRound, RoundEntry
from dm3p.circles.services.circle_life import (
    CheckInAnswers,
    MeetingAnswers,
    check_in_save,
    circle_meeting_set,
    circle_rename,
    note_add,
)
from dm3p.circles.services.drafts import matching_run, round_publish
from dm3p.circles.services.refusals import PublishRefused
from dm3p.circles.tasks import round_publication
from dm3p.core.hooks import DemoOptions
from dm3p.members.models import Profile

PUBLISHED_ROUND = "Autumn 2026 circles"
OPEN_ROUND = "Winter 2027 circles"


def _entries_from_profiles(round: MatchingRound, profiles: list[Profile]) -> None:
    for profile in profiles:
        entry, created = RoundEntry.objects.get_or_create(
            round=round,
            member=profile.user,
            defaults={"availability": profile.availability, "time_zone": profile.time_zone},
        )
        if created:
            entry.topics_offered.set(profile.topics_offered.all())
            entry.topics_sought.set(profile.topics_sought.all())
            entry.modes.set(profile.modes.all())


CIRCLE_NAMES = [
    "Night owls",
    "Tuesday table",
    "Steady hands",
    "Open door",
    "Second wind",
    "Common ground",
    "Lanterns",
    "Slow and steady",
]


def _names_and_meetings(round: MatchingRound, today: dt.date) -> None:
    """Most circles chose a name; most agreed their next meeting (set by one of them)."""
    for index, circle in enumerate(round.circles.prefetch_related("memberships__member")):
        people = [membership.member for membership in circle.memberships.all()]
        if not people or index % 4 == 3:
            continue  # a circle that hasn't got round to it yet
        circle_rename(actor=people[0], circle=circle, name=CIRCLE_NAMES[index % len(CIRCLE_NAMES)])
        day = today + dt.timedelta(days=3 + index % 7)
        starts = dt.datetime(day.year, day.month, day.day, 19, tzinfo=ZoneInfo("America/New_York"))
        circle_meeting_set(
            actor=people[-1],
            circle=circle,
            answers=MeetingAnswers(
                starts_at=starts, link=f"https://meet.example.org/circle-{circle.number}"
            ),
        )


def demo_circles(demo: DemoOptions) -> None:
    today = timezone.localdate()
    organizer = User.objects.get(email="organizer@example.org")
    members = list(
        Profile.objects.filter(members_now_q("user"))
        .exclude(user__is_organizer=True)
        .select_related("user")
        .order_by("id")[:36]
    )
    round, created = MatchingRound.objects.get_or_create(
        name=PUBLISHED_ROUND,
        defaults={
            "signup_opens_on": today - dt.timedelta(days=60),
            "signup_closes_on": today - dt.timedelta(days=40),
            "starts_on": today - dt.timedelta(days=30),
            "ends_on": today + dt.timedelta(days=150),
            "description": "Our first round: circles of four to six, meeting monthly.",
        },
    )
    if created:
        _entries_from_profiles(round, members)
        MatchingRound.objects.filter(pk=round.pk).update(run_status=RunStatus.QUEUED)
        matching_run(round_id=round.pk, run_count=round.run_count)
        round.refresh_from_db()
        try:
            round_publish(actor=organizer, round=round)
        except PublishRefused:
            demo.say(f"Too few demo members to publish “{round.name}”: try --members 40.")
            return
        transaction.on_commit(lambda: round_publication.enqueue(round.pk))
        mine = (
            CircleMembership.objects.filter(round=round, member__email="member@example.org")
            .select_related("circle", "member")
            .first()
        )
        if mine is not None:
            note_add(
                author=mine.member,
                circle=mine.circle,
                text="Our shared notes: https://notes.example.org/our-circle",
            )
            check_in_save(
                membership=mine,
                answers=CheckInAnswers(4, "Good first meeting.", False, False, False),
            )
        _names_and_meetings(round, today)
        demo.say(f"Published the demo round “{round.name}”.")
    upcoming, created = MatchingRound.objects.get_or_create(
        name=OPEN_ROUND,
        defaults={
            "signup_opens_on": today - dt.timedelta(days=7),
            "signup_closes_on": today + dt.timedelta(days=21),
            "starts_on": today + dt.timedelta(days=35),
            "ends_on": today + dt.timedelta(days=210),
            "description": "Sign up to be matched with four or five others for six months.",
        },
    )
    if created:
        _entries_from_profiles(upcoming, members[1:20])
