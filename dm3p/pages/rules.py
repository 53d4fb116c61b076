from rules.permissions import add_perm

from dm3p.accounts.rules import is_admin, is_coordinator, is_organizer

add_perm("pages.change_page", is_organizer)
# The staff home (``/manage/``), where staff land after signing in: anyone with a staff role.
add_perm("pages.view_staff_home", is_coordinator | is_organizer | is_admin)
