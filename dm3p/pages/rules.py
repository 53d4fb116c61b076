import rules

from dm3p.accounts.rules import is_organizer

rules.add_perm("pages.change_page", is_organizer)
