from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.db import transaction

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.core.services import audit_record

ROLE_FIELDS = ("membership_status", "is_coordinator", "is_organizer", "is_admin")


def admin_lockout_problem(*, person: User, keeps_admin: bool, stays_active: bool) -> str:
    """The one rule for every path that suspends, demotes or removes someone: the site always
    keeps at least one active admin. Returns a problem to show, or "".

    Locks the active admins' rows, so two admins removing each other at the same moment
    can't both succeed (call it inside the transaction that makes the change)."""
    if keeps_admin and stays_active:
        return ""
    active_admins = set(
        User.objects.select_for_update()
        .filter(is_admin=True)
        .exclude(membership_status=MembershipStatus.SUSPENDED)
        .values_list("pk", flat=True)
    )
    if active_admins == {person.pk}:
        return (
            f"{person} is the only active admin, so they can't be suspended, removed or lose "
            "the admin role. Make someone else an admin first."
        )
    return ""


@transaction.atomic
def person_roles_update(
    *,
    actor: User,
    person: User,
    membership_status: MembershipStatus,
    is_coordinator: bool,
    is_organizer: bool,
    is_admin: bool,
) -> str:
    """Change someone's membership status and staff roles. Returns a problem to show, or ""."""
    if person.pk == actor.pk and (not is_admin or membership_status == MembershipStatus.SUSPENDED):
        return "You can't remove your own admin role or suspend yourself; ask another admin."
    problem = admin_lockout_problem(
        person=person,
        keeps_admin=is_admin,
        stays_active=membership_status != MembershipStatus.SUSPENDED,
    )
    if problem:
        return problem
    wanted = {
        "membership_status": membership_status,
        "is_coordinator": is_coordinator,
        "is_organizer": is_organizer,
        "is_admin": is_admin,
    }
    changed = [name for name in ROLE_FIELDS if getattr(person, name) != wanted[name]]
    for name in changed:
        setattr(person, name, wanted[name])
    person.save(update_fields=changed or None)
    if membership_status == MembershipStatus.SUSPENDED:
        person_sessions_end(person)
    audit_record(
        actor=actor, action="person.roles", subject_user=person, target=person, fields=changed
    )
    return ""


def person_sessions_end(person: User) -> None:
    """Sign the person out everywhere. (Suspension already stops every request, as the
    account is inactive; removing the sessions as well leaves nothing to come back to.)"""

    keys = list(UserSession.objects.filter(user=person).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=person).delete()


@transaction.atomic
def person_suspend(*, actor: User, person: User) -> str:
    """Suspend someone (e.g. after a report): their access ends at once. Returns a problem
    to show instead, or ""."""
    problem = admin_lockout_problem(person=person, keeps_admin=True, stays_active=False)
    if problem:
        return problem
    person.membership_status = MembershipStatus.SUSPENDED
    person.save(update_fields=["membership_status"])
    person_sessions_end(person)
    audit_record(
        actor=actor,
        action="person.suspend",
        subject_user=person,
        target=person,
        fields=["membership_status"],
    )
    return ""
