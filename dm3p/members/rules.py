from rules.permissions import add_perm

from dm3p.accounts.rules import is_admin, is_member, is_organizer

add_perm("members.review_application", is_organizer)
add_perm("members.change_communitysettings", is_organizer)
add_perm("members.change_term", is_organizer)
add_perm("members.manage_people", is_admin)
add_perm("members.view_directory", is_member | is_organizer)
