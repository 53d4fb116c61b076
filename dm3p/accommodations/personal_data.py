from dm3p.accommodations.models import AccommodationRequest, StandingNeed
from dm3p.accounts.models import User
from dm3p.members.personal_data import (
    PersonalData,
    erased_with_the_account,
    personal_data_register,
)


def _requests(user: User) -> list[dict[str, object]]:
    return [
        {
            "gathering": item.event.title,
            "kind": item.kind.label,
            "details": item.details or "",
            "status": item.get_status_display(),
            "why_not_possible": item.not_possible_reason or "",
            "asked": item.created_at.isoformat(),
        }
        for item in AccommodationRequest.objects.filter(member=user).select_related("event", "kind")
    ]


def _needs(user: User) -> list[dict[str, object]]:
    return [
        {"kind": need.kind.label, "details": need.details or ""}
        for need in StandingNeed.objects.filter(member=user).select_related("kind")
    ]


personal_data_register(
    PersonalData(AccommodationRequest, "Accommodation requests", _requests, erased_with_the_account)
)
personal_data_register(
    PersonalData(StandingNeed, "Access needs at every gathering", _needs, erased_with_the_account)
)
