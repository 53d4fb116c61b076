"""What a member's data export holds from accommodations (registered in handlers)."""

from dm3p.accommodations.models import AccommodationRequest, RequestQuestion, StandingNeed
from dm3p.accounts.models import User


def requests_exported(user: User) -> list[dict[str, object]]:
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


def standing_needs_exported(user: User) -> list[dict[str, object]]:
    return [
        {"kind": need.kind.label, "details": need.details or ""}
        for need in StandingNeed.objects.filter(member=user).select_related("kind")
    ]


def questions_exported(user: User) -> list[dict[str, object]]:
    """Coordinators' questions about the member's requests, with their answers."""
    return [
        {
            "gathering": item.request.event.title,
            "kind": item.request.kind.label,
            "question": item.question,
            "asked": item.asked_at.isoformat(),
            "answer": item.answer or "",
        }
        for item in RequestQuestion.objects.filter(request__member=user).select_related(
            "request__event", "request__kind"
        )
    ]
