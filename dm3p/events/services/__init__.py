"""Every write in events, by subject: gatherings (series, creating and changing one),
rsvps, reminders, calendar_feeds and programme (agenda, speakers, resources)."""

from dm3p.events.services.calendar_feeds import (
    calendar_feed_reset,
    calendar_feed_revoke,
    feed_token_hash,
)
from dm3p.events.services.gatherings import (
    CALENDAR_FIELDS,
    EventAnswers,
    SeriesAnswers,
    change_in_words,
    event_create,
    event_update,
    series_create,
)
from dm3p.events.services.programme import (
    ResourceAnswers,
    SegmentRow,
    SpeakerRow,
    event_programme_save,
    event_save,
    resource_add,
    resource_remove,
)
from dm3p.events.services.reminders import (
    event_invitations_send,
    event_reminders_send,
    reminders_schedule,
)
from dm3p.events.services.rsvps import AnswersClosed, rsvp_answer, rsvps_release

__all__ = [
    "CALENDAR_FIELDS",
    "AnswersClosed",
    "EventAnswers",
    "ResourceAnswers",
    "SegmentRow",
    "SeriesAnswers",
    "SpeakerRow",
    "calendar_feed_reset",
    "calendar_feed_revoke",
    "change_in_words",
    "event_create",
    "event_invitations_send",
    "event_programme_save",
    "event_reminders_send",
    "event_save",
    "event_update",
    "feed_token_hash",
    "reminders_schedule",
    "resource_add",
    "resource_remove",
    "rsvp_answer",
    "rsvps_release",
    "series_create",
]
