from dm3p.accounts.models import User
from dm3p.circles.models import BreakoutAssignment, BreakoutChoice
from dm3p.members.personal_data import PersonalData, personal_data_register


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


def _nothing(user: User) -> None:
    """Removed with the account."""


personal_data_register(PersonalData(BreakoutChoice, "Breakout room choices", _choices, _nothing))
personal_data_register(
    PersonalData(BreakoutAssignment, "Breakout rooms you were in", _rooms, _nothing)
)
