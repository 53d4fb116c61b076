from dm3p.accounts.models import User
from dm3p.circles.models import BreakoutAssignment, BreakoutChoice
from dm3p.members.personal_data import (
    PersonalData,
    erased_with_the_account,
    personal_data_register,
)


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


personal_data_register(
    PersonalData(BreakoutChoice, "Breakout room choices", _choices, erased_with_the_account)
)
personal_data_register(
    PersonalData(BreakoutAssignment, "Breakout rooms you were in", _rooms, erased_with_the_account)
)
