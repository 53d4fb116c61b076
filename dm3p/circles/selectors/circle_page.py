"""A member's page of their circle: each other member as they allow, what each can offer
whom, and the times and ways they can all meet, in the viewer's own time zone."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now_q
from dm3p.circles.models import Circle, CircleMembership, CircleNote, RoundEntry
from dm3p.circles.selectors.circles import check_in_latest, notes_of
from dm3p.circles.selectors.engine import circles_audit, entry_input, slot_minutes_of
from dm3p.circles.weekhours import meeting_slots, spans_text
from dm3p.core.times import moment_text
from dm3p.members.audiences import viewer_audiences
from dm3p.members.models import Profile
from dm3p.members.selectors import ShownField, field_audience, profile_fields_for_audiences


@dataclass(frozen=True)
class Mate:
    """Another member of a circle, as one viewer may see them."""

    member: User
    profile: Profile | None
    name: str
    fields: list[ShownField]
    offers_you: list[str]  # topics the viewer seeks that this person offers
    seeks_from_you: list[str]  # topics this person seeks that the viewer offers
    paused: bool


@dataclass(frozen=True)
class CirclePage:
    circle: Circle
    membership: CircleMembership
    mates: list[Mate]
    meeting_times: list[str]
    modes: list[str]
    zone: str
    notes: list[CircleNote]
    check_in_due: bool
    running: bool
    week_of: dt.date  # the Monday of the week meeting_times are for
    next_meeting: str  # when, in the viewer's zone; "" when none is set
    next_meeting_by: str  # who set it

    @property
    def fields_seen(self) -> list[tuple[Profile, list[str]]]:
        """Each other member's profile with the fields shown of it (for the audit log)."""
        return [
            (mate.profile, [field.name for field in mate.fields])
            for mate in self.mates
            if mate.profile is not None
        ]


def _mate(
    membership: CircleMembership,
    entry: RoundEntry | None,
    *,
    viewer: Any,
    my_offers: set[int],
    my_seeks: set[int],
) -> Mate:
    person = membership.member
    profile = getattr(person, "profile", None)
    seen = viewer_audiences(viewer=viewer, owner=person)
    offers_you: list[str] = []
    seeks_from_you: list[str] = []
    if entry is not None and field_audience(profile, "topics_offered").key in seen:
        offers_you = [t.label for t in entry.topics_offered.all() if t.pk in my_seeks]
    if entry is not None and field_audience(profile, "topics_sought").key in seen:
        seeks_from_you = [t.label for t in entry.topics_sought.all() if t.pk in my_offers]
    return Mate(
        member=person,
        profile=profile,
        name=person.display_name,
        fields=profile_fields_for_audiences(profile=profile, seen=seen) if profile else [],
        offers_you=offers_you,
        seeks_from_you=seeks_from_you,
        paused=membership.paused,
    )


def circle_page(*, circle: Circle, viewer: Any, day: dt.date) -> CirclePage:
    """The circle as ``viewer`` sees it: each person as they allow, what each can offer
    whom (only from topics they let the viewer see), times in the viewer's own zone."""
    round = circle.round
    memberships = list(
        circle.memberships.filter(Q(member=viewer) | members_now_q("member"))
        .select_related("member__profile__stage")
        .prefetch_related(
            "member__profile__professions",
            "member__profile__topics_offered",
            "member__profile__topics_sought",
            "member__profile__modes",
            "member__profile__lived_experience_categories",
        )
    )
    entries = {
        entry.member_id: entry
        for entry in RoundEntry.objects.filter(
            round=round, member_id__in=[item.member_id for item in memberships]
        ).prefetch_related("topics_offered", "topics_sought", "modes")
    }
    mine = next(item for item in memberships if item.member_id == viewer.pk)
    my_entry = entries.get(viewer.pk)
    my_offers = {term.pk for term in my_entry.topics_offered.all()} if my_entry else set()
    my_seeks = {term.pk for term in my_entry.topics_sought.all()} if my_entry else set()
    mates = [
        _mate(
            membership,
            entries.get(membership.member_id),
            viewer=viewer,
            my_offers=my_offers,
            my_seeks=my_seeks,
        )
        for membership in memberships
        if membership.member_id != viewer.pk
    ]
    # This week's times (the round's first week until it starts): daylight saving may have
    # moved some people's hours since the circle was formed.
    week_of = max(day, round.starts_on)
    week_of -= dt.timedelta(days=week_of.weekday())
    slot_minutes = slot_minutes_of(entries.values(), round, week_of)
    [shared] = circles_audit(
        round=round,
        members={
            member_id: entry_input(
                entry,
                round=round,
                slot_minutes=slot_minutes,
                about_the_person=False,
                week_of=week_of,
            )
            for member_id, entry in entries.items()
        },
        slot_minutes=slot_minutes,
        circles=[sorted(entries)],
    )
    mode_labels = {term.pk: term.label for entry in entries.values() for term in entry.modes.all()}
    viewer_profile = getattr(viewer, "profile", None)
    zone = (
        viewer_profile.time_zone if viewer_profile else (my_entry.time_zone if my_entry else "UTC")
    )
    latest = check_in_latest(circle=circle, member=viewer)
    since = timezone.localdate(latest.created_at) if latest else round.starts_on
    return CirclePage(
        circle=circle,
        membership=mine,
        mates=mates,
        meeting_times=spans_text(
            meeting_slots(shared.common_slots, slot_minutes), zone, week_of, slot_minutes
        ),
        modes=[mode_labels[pk] for pk in shared.common_modes],
        zone=zone,
        notes=list(notes_of(circle=circle)),
        check_in_due=round.running_on(day) and (day - since).days >= 7 * round.check_in_every_weeks,
        running=round.running_on(day),
        week_of=week_of,
        next_meeting=moment_text(circle.next_meeting_at, zone) if circle.next_meeting_at else "",
        next_meeting_by=(
            circle.next_meeting_set_by.display_name
            if circle.next_meeting_set_by
            else "A former member"
        ),
    )
