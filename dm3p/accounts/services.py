from datetime import timedelta
from enum import StrEnum

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.core import signing
from django.db import transaction
from django.utils.crypto import constant_time_compare, salted_hmac

from dm3p.accounts.enums import MEMBER_NOW_STATUSES, MembershipStatus
from dm3p.accounts.hooks import membership_status_changed
from dm3p.accounts.models import User
from dm3p.core.links import site_link
from dm3p.core.refusals import ServiceRefusal
from dm3p.core.services import audit_record

ROLE_FIELDS = ("membership_status", "is_coordinator", "is_organizer", "is_admin")


class LastActiveAdmin(ServiceRefusal):
    def __init__(self, person: User) -> None:
        super().__init__(
            f"{person} is the only active admin, so they can't be suspended, removed or lose "
            "the admin role. Make someone else an admin first."
        )


class OwnAdminRole(ServiceRefusal):
    def __init__(self) -> None:
        super().__init__(
            "You can't remove your own admin role or suspend yourself; ask another admin."
        )


def admin_lockout_check(*, person: User, keeps_admin: bool, stays_active: bool) -> None:
    """The one rule for every path that suspends, demotes or removes someone: the site always
    keeps at least one active admin (refused with ``LastActiveAdmin``).

    Locks the active admins' rows, so two admins removing each other at the same moment
    can't both succeed (call it inside the transaction that makes the change)."""
    if keeps_admin and stays_active:
        return
    active_admins = set(
        User.objects.select_for_update()
        .filter(is_admin=True)
        .exclude(membership_status=MembershipStatus.SUSPENDED)
        .values_list("pk", flat=True)
    )
    if active_admins == {person.pk}:
        raise LastActiveAdmin(person)


@transaction.atomic
def person_roles_set(
    *,
    actor: User,
    person: User,
    membership_status: MembershipStatus,
    is_coordinator: bool,
    is_organizer: bool,
    is_admin: bool,
) -> None:
    """Change someone's membership status and staff roles. Refused (``OwnAdminRole``,
    ``LastActiveAdmin``) when the site would lose its last active admin."""
    if person.pk == actor.pk and (not is_admin or membership_status == MembershipStatus.SUSPENDED):
        raise OwnAdminRole
    admin_lockout_check(
        person=person,
        keeps_admin=is_admin,
        stays_active=membership_status != MembershipStatus.SUSPENDED,
    )
    wanted = {
        "membership_status": membership_status,
        "is_coordinator": is_coordinator,
        "is_organizer": is_organizer,
        "is_admin": is_admin,
    }
    before = MembershipStatus(person.membership_status)
    changed = [name for name in ROLE_FIELDS if getattr(person, name) != wanted[name]]
    for name in changed:
        setattr(person, name, wanted[name])
    person.save(update_fields=changed or None)
    if membership_status == MembershipStatus.SUSPENDED:
        person_sessions_end(person)
    audit_record(
        actor=actor, action="person.roles", subject_user=person, target=person, fields=changed
    )
    _status_change_announce(actor=actor, person=person, before=before)


def membership_status_set(*, actor: User | None, person: User, status: MembershipStatus) -> None:
    """The one way membership status changes outside the roles form (which sets several
    fields together): saves it and tells the apps that react (membership_status_changed).
    The caller records its own audit entry."""
    before = MembershipStatus(person.membership_status)
    person.membership_status = status
    person.save(update_fields=["membership_status"])
    _status_change_announce(actor=actor, person=person, before=before)


def _status_change_announce(*, actor: User | None, person: User, before: MembershipStatus) -> None:
    after = MembershipStatus(person.membership_status)
    if after != before:
        membership_status_changed.send(
            sender=User, person=person, before=before, after=after, actor=actor
        )


@transaction.atomic
def person_details_update(*, actor: User, person: User, name: str, email: str) -> list[str]:
    """Change someone's name or sign-in address (Django admin). A new address replaces the
    old ones for signing in and must be confirmed at the next sign-in. Returns the fields
    that changed."""
    stored = User.objects.select_for_update().get(pk=person.pk)
    email = User.objects.normalize_email(email).lower()
    wanted = {"name": name.strip(), "email": email}
    changed = [field for field, value in wanted.items() if getattr(stored, field) != value]
    for field in changed:
        setattr(stored, field, wanted[field])
    stored.full_clean(exclude=["password"])
    stored.save(update_fields=changed or None)
    if "email" in changed:
        EmailAddress.objects.filter(user=stored).delete()
        EmailAddress.objects.create(user=stored, email=email, primary=True, verified=False)
    audit_record(
        actor=actor, action="person.details", subject_user=stored, target=stored, fields=changed
    )
    for field in changed:
        setattr(person, field, wanted[field])
    return changed


def person_sessions_end(person: User) -> None:
    """Sign the person out everywhere. (Suspension already stops every request, as the
    account is inactive; removing the sessions as well leaves nothing to come back to.)"""

    keys = list(UserSession.objects.filter(user=person).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=person).delete()


@transaction.atomic
def membership_suspend(*, actor: User, person: User) -> None:
    """Suspend someone (e.g. after a report): their access ends at once. Refused with
    ``LastActiveAdmin`` for the only active admin."""
    admin_lockout_check(person=person, keeps_admin=True, stays_active=False)
    membership_status_set(actor=actor, person=person, status=MembershipStatus.SUSPENDED)
    person_sessions_end(person)
    audit_record(
        actor=actor,
        action="person.suspend",
        subject_user=person,
        target=person,
        fields=["membership_status"],
    )


# The welcome link (in the approval e-mail): one signed, expiring, single-use link that
# confirms a new member's address, lets them choose a password and signs them in.
WELCOME_LINK_DAYS = 14
_WELCOME_SALT = "dm3p.accounts.welcome"


class WelcomeLinkState(StrEnum):
    VALID = "valid"
    USED = "used"  # the account has a password, or was signed in to, since the link was made
    BROKEN = "broken"  # altered, cut short, expired, or its account is gone


def _welcome_fingerprint(user: User) -> str:
    """Changes once the person chooses a password or signs in, so the link works once."""
    value = f"{user.pk}:{user.password}:{user.last_login}"
    return salted_hmac(_WELCOME_SALT, value, algorithm="sha256").hexdigest()[:32]


def welcome_link(user: User) -> str:
    token = signing.dumps({"u": user.pk, "f": _welcome_fingerprint(user)}, salt=_WELCOME_SALT)
    return site_link("accounts:welcome_start", token)


def welcome_token_check(token: str) -> tuple[WelcomeLinkState, User | None]:
    """What a welcome link is worth now, and whose it is (for a valid or used link)."""
    try:
        data = signing.loads(token, salt=_WELCOME_SALT, max_age=timedelta(days=WELCOME_LINK_DAYS))
    except signing.BadSignature:  # SignatureExpired is one too
        return WelcomeLinkState.BROKEN, None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return WelcomeLinkState.BROKEN, None
    user = User.objects.filter(pk=data["u"]).first()
    if user is None or user.membership_status not in MEMBER_NOW_STATUSES:
        return WelcomeLinkState.BROKEN, None
    if not constant_time_compare(str(data.get("f", "")), _welcome_fingerprint(user)):
        return WelcomeLinkState.USED, user
    return WelcomeLinkState.VALID, user


@transaction.atomic
def welcome_account_set_up(*, user: User, password: str) -> None:
    """A new member opened their welcome link and chose a password: the address the link
    went to is theirs (confirmed), and the password is set."""
    user.set_password(password)
    user.save(update_fields=["password"])
    EmailAddress.objects.filter(user=user, email__iexact=user.email).update(verified=True)
    if not EmailAddress.objects.filter(user=user, email__iexact=user.email).exists():
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    audit_record(
        actor=user,
        action="account.welcome",
        subject_user=user,
        target=user,
        fields=["password", "email_verified"],
    )


def address_confirmed_by_password_reset(user: User) -> None:
    """Someone chose a new password from the link e-mailed to their account's one address:
    that proves the address is theirs, so signing in doesn't ask them to confirm it again
    (what a new member whose welcome link expired would otherwise meet). With several
    addresses it isn't known which one the link went to, so nothing changes."""
    addresses = list(EmailAddress.objects.filter(user=user))
    if len(addresses) == 1 and not addresses[0].verified:
        addresses[0].verified = True
        addresses[0].save(update_fields=["verified"])
