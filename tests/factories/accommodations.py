"""Factories for access needs: kinds of support, requests and standing needs."""

from typing import Any

from dm3p.accommodations.models import (
    AccommodationRequest,
    AccommodationType,
    RequestQuestion,
    StandingNeed,
)
from tests.factories import make_user
from tests.factories.events import make_event
from tests.factories.rows import create


def make_accommodation_type(**fields: Any) -> AccommodationType:
    """A kind of support members can ask for (by default ASL interpretation)."""
    return create(AccommodationType, fields, label=lambda: "ASL interpretation")


def make_accommodation_request(**fields: Any) -> AccommodationRequest:
    """A member's request for support at a gathering, waiting for a coordinator."""
    return create(
        AccommodationRequest,
        fields,
        event=make_event,
        member=make_user,
        kind=make_accommodation_type,
    )


def make_standing_need(**fields: Any) -> StandingNeed:
    return create(StandingNeed, fields, member=make_user, kind=make_accommodation_type)


def make_request_question(**fields: Any) -> RequestQuestion:
    """A coordinator's question to the member about their request, not answered yet."""
    return create(
        RequestQuestion,
        fields,
        request=make_accommodation_request,
        question=lambda: "Which sign language?",
    )
