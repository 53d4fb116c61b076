from rules.permissions import add_perm

from dm3p.accounts.rules import is_member, is_organizer

add_perm("events.view_member_events", is_member | is_organizer)
add_perm("events.rsvp", is_member)
add_perm("events.manage_event", is_organizer)
