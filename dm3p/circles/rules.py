from rules.permissions import add_perm

from dm3p.accounts.rules import is_organizer

add_perm("circles.manage_breakouts", is_organizer)
