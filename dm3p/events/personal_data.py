"""What export and erasure cover for events (the members app's personal-data registry)."""

from dm3p.accounts.models import User
from dm3p.events.models import CalendarFeed, Rsvp
from dm3p.members.personal_data import (
    PersonalData,
    erased_with_the_account,
    personal_data_register,
)


def _rsvps(user: User) -> list[dict[str, object]]:
    return [
        {
            "event": rsvp.event.title,
            "starts": rsvp.event.starts_at.isoformat(),
            "answer": rsvp.get_answer_display(),
            "waiting_list": rsvp.waitlisted,
        }
        for rsvp in Rsvp.objects.filter(member=user).select_related("event")
    ]


def _feed(user: User) -> list[dict[str, object]]:
    return [
        {"created": feed.created_at.isoformat()} for feed in CalendarFeed.objects.filter(user=user)
    ]


personal_data_register(
    PersonalData(Rsvp, "Gatherings you answered", _rsvps, erased_with_the_account)
)
personal_data_register(
    PersonalData(CalendarFeed, "Your calendar feed", _feed, erased_with_the_account)
)
