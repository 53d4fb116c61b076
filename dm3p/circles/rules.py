from rules.permissions import add_perm

from dm3p.accounts.rules import is_member, is_organizer

add_perm("circles.manage_breakouts", is_organizer)
add_perm("circles.manage_rounds", is_organizer)
add_perm("circles.join_round", is_member)
