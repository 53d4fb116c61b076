from typing import Any

from django.utils import timezone
from rules.permissions import add_perm
from rules.predicates import predicate

from dm3p.accounts.rules import is_member, is_organizer


@predicate
def is_open_gathering(user: Any, event: Any) -> bool:
    """Answers and requests are taken until a gathering ends, unless it is cancelled."""
    return bool(event is not None and not event.is_cancelled and event.ends_at > timezone.now())


@predicate
def is_feed_of_a_member(user: Any, feed: Any) -> bool:
    """A calendar feed works while its owner is a member: it stops for someone suspended."""
    return bool(feed is not None and is_member(feed.user))


add_perm("events.view_member_events", is_member | is_organizer)
add_perm("events.rsvp", is_member)
add_perm("events.manage_event", is_organizer)
# Answering (RSVP, accommodation requests) for one gathering: ``has_perm(..., event)``.
add_perm("events.answer", is_member & is_open_gathering)
# Opening a member's calendar feed by its secret address (anyone holding it): ``has_perm(...,
# feed)``.
add_perm("events.open_feed", is_feed_of_a_member)
