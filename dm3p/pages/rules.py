from rules.permissions import add_perm

from dm3p.accounts.rules import is_organizer

add_perm("pages.change_page", is_organizer)
