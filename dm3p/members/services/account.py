"""Leaving the site: erasing everything about a person."""

from django.db import transaction

from dm3p.accounts.models import User
from dm3p.accounts.services import admin_lockout_check, person_sessions_end
from dm3p.core.services import audit_record
from dm3p.members.hooks import DELETION_CHOICES
from dm3p.members.personal_data import personal_data_erase


@transaction.atomic
def account_delete(*, user: User, answers: dict[str, str] | None = None) -> None:
    """Erase everything about the person (see personal_data); records that others rely on
    keep their content without the link to them. ``answers`` are the person's choices about
    what they leave for others (``DELETION_CHOICES``; each one's default when not given).
    Refused (``LastActiveAdmin``) for the only active admin, who can't leave the site
    without an admin."""
    admin_lockout_check(person=user, keeps_admin=False, stays_active=False)
    for choice in DELETION_CHOICES:
        choice.carry_out(user, (answers or {}).get(choice.key, choice.default))
    audit_record(actor=None, action="account.delete", fields=["account"])
    person_sessions_end(user)
    personal_data_erase(user)
    user.delete()
