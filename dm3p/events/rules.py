from typing import Any

from django.utils import timezone
from rules.permissions import add_perm
from rules.predicates import predicate

from dm3p.accounts.rules import is_member, is_organizer


@predicate
def is_open_gathering(user: Any, event: Any) -> bool:
    """Answers and requests are taken until a gathering ends, unless it is cancelled."""
    return bool(event is not None and not event.is_cancelled and event.ends_at > timezone.now())


add_perm("events.view_member_events", is_member | is_organizer)
add_perm("events.rsvp", is_member)
add_perm("events.manage_event", is_organizer)
# Answering (RSVP, accommodation requests) for one gathering: ``has_perm(..., event)``.
add_perm("events.answer", is_member & is_open_gathering)
