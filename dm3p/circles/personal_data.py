"""What export and erasure cover in circles (``PERSONAL_DATA`` in dm3p.members.hooks)."""

from dm3p.accounts.models import User
from dm3p.circles.models import (
    BreakoutAssignment,
    BreakoutChoice,
    CheckIn,
    CircleMembership,
    CircleNote,
    MatchingPreferences,
    RoundEntry,
)
from dm3p.circles.reasons import reason_for_the_member
from dm3p.members.hooks import PersonalData
from dm3p.members.personal_data import erased_with_the_account


def _choices(user: User) -> list[dict[str, object]]:
    return [
        {"gathering": choice.event.title, "ranked_room_ids": choice.ranked_rooms}
        for choice in BreakoutChoice.objects.filter(member=user).select_related("event")
    ]


def _rooms(user: User) -> list[dict[str, object]]:
    return [
        {"gathering": item.room.event.title, "room": item.room.name}
        for item in BreakoutAssignment.objects.filter(member=user).select_related("room__event")
    ]


def _preferences(user: User) -> list[dict[str, object]]:
    return [
        {
            "profession_preference": item.get_profession_preference_display(),
            "people_you_wont_be_placed_with": [p.display_name for p in item.avoid.all()],
        }
        for item in MatchingPreferences.objects.filter(member=user).prefetch_related(
            "avoid__profile"
        )
    ]


def _entries(user: User) -> list[dict[str, object]]:
    return [
        {
            "round": entry.round.name,
            "topics_offered": [term.label for term in entry.topics_offered.all()],
            "topics_sought": [term.label for term in entry.topics_sought.all()],
            "ways_of_taking_part": [term.label for term in entry.modes.all()],
            "availability_hours_of_week": entry.availability,
            "time_zone": entry.time_zone,
            "not_placed_because": reason_for_the_member(entry.unassigned_reason),
        }
        for entry in RoundEntry.objects.filter(member=user)
        .select_related("round")
        .prefetch_related("topics_offered", "topics_sought", "modes")
    ]


def _circles(user: User) -> list[dict[str, object]]:
    return [
        {
            "round": item.round.name,
            "circle": str(item.circle),
            "paused": item.paused,
            "asked_for_a_different_circle": item.wants_different,
        }
        for item in CircleMembership.objects.filter(member=user).select_related("round", "circle")
    ]


def _notes(user: User) -> list[dict[str, object]]:
    return [
        {"circle": str(note.circle), "text": note.text, "written": note.created_at.isoformat()}
        for note in CircleNote.objects.filter(author=user).select_related("circle")
    ]


def _check_ins(user: User) -> list[dict[str, object]]:
    return [
        {
            "circle": str(item.circle),
            "rating": item.rating,
            "comment": item.comment or "",
            "comment_shared_with_organizers": item.share_comment,
            "paused": item.pause,
            "asked_for_a_different_circle": item.wants_different,
            "when": item.created_at.isoformat(),
        }
        for item in CheckIn.objects.filter(member=user).select_related("circle")
    ]


# What export and erasure cover in circles, registered from handlers.py.
CIRCLES_PERSONAL_DATA = [
    PersonalData(BreakoutChoice, "Breakout room choices", _choices, erased_with_the_account),
    PersonalData(BreakoutAssignment, "Breakout rooms you were in", _rooms, erased_with_the_account),
    PersonalData(
        MatchingPreferences, "Matching preferences", _preferences, erased_with_the_account
    ),
    PersonalData(RoundEntry, "Matching rounds you joined", _entries, erased_with_the_account),
    PersonalData(CircleMembership, "Your circles", _circles, erased_with_the_account),
    PersonalData(CircleNote, "Notes you wrote in your circles", _notes, erased_with_the_account),
    PersonalData(CheckIn, "Your check-ins", _check_ins, erased_with_the_account),
]
