from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.db import transaction

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.core.services import audit_record

ROLE_FIELDS = ("membership_status", "is_coordinator", "is_organizer", "is_admin")


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
def person_suspend(*, actor: User, person: User) -> None:
    """Suspend someone (e.g. after a report): their access ends at once."""
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
