"""Who may do what. Roles come from the person's membership status and staff roles."""

from typing import Any

from rules.permissions import add_perm
from rules.predicates import predicate

from dm3p.accounts.enums import MEMBER_NOW_STATUSES


@predicate
def is_member(user: Any) -> bool:
    """A member now (the same people as accounts.selectors.members_now): an approved member
    or ally member, neither declined nor suspended since."""
    return bool(user.is_authenticated and user.membership_status in MEMBER_NOW_STATUSES)


@predicate
def is_coordinator(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_coordinator)


@predicate
def is_organizer(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_organizer)


@predicate
def is_organizer_with_mfa(user: Any) -> bool:
    """An organizer whose session passed two-factor authentication (``mfa_passed`` is set
    for each request by MfaSessionMiddleware; a person loaded anywhere else, say as an
    e-mail's recipient, never has it)."""
    return bool(is_organizer(user) and getattr(user, "mfa_passed", False))


@predicate
def is_admin(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_admin)


# Pages owned by core, filled in here because core knows nothing about roles.
add_perm("core.change_sitesettings", is_admin)
add_perm("core.view_auditentry", is_admin)
add_perm("core.change_emailwording", is_organizer)
# The staff menu is "Organizer tools" for those who run the program; a coordinator who only
# arranges access sees it titled "Accommodations".
add_perm("core.view_organizer_tools", is_organizer | is_admin)
# Django's admin, for admins: only models without sensitive data are registered there.
add_perm("accounts.view_user", is_admin)
add_perm("accounts.change_user", is_admin)
