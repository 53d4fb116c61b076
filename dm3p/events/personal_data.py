"""What a member's data export holds from events (registered in handlers)."""

from dm3p.accounts.models import User
from dm3p.events.models import CalendarFeed, Rsvp


def rsvps_exported(user: User) -> list[dict[str, object]]:
    return [
        {
            "event": rsvp.event.title,
            "starts": rsvp.event.starts_at.isoformat(),
            "answer": rsvp.get_answer_display(),
            "waiting_list": rsvp.waitlisted,
        }
        for rsvp in Rsvp.objects.filter(member=user).select_related("event")
    ]


def calendar_feed_exported(user: User) -> list[dict[str, object]]:
    return [
        {"created": feed.created_at.isoformat()} for feed in CalendarFeed.objects.filter(user=user)
    ]
