from rules.permissions import add_perm

from dm3p.accounts.rules import is_admin, is_coordinator, is_member, is_organizer

add_perm("accommodations.request", is_member)
add_perm("accommodations.coordinate", is_coordinator | is_admin)

add_perm("accommodations.change_type", is_organizer)
