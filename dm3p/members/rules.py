from typing import Any

from rules.permissions import add_perm
from rules.predicates import predicate

from dm3p.accounts.rules import is_admin, is_organizer


@predicate
def made_the_report(user: Any, report: Any) -> bool:
    return report is not None and report.reporter_id == user.pk


@predicate
def is_reported(user: Any, report: Any) -> bool:
    return report is not None and report.about_id == user.pk


add_perm("members.review_application", is_organizer)
add_perm("members.change_communitysettings", is_organizer)
add_perm("members.change_term", is_organizer)
add_perm("members.manage_people", is_admin)
add_perm("members.review_report", is_organizer)
# Nobody decides a report they made, or one about themselves.
add_perm("members.close_report", is_organizer & ~made_the_report & ~is_reported)

from dm3p.accounts.rules import is_member  # noqa: E402

add_perm("members.view_directory", is_member | is_organizer)
