"""Leaving the site: erasing everything about a person."""

from django.db import transaction

from dm3p.accounts.models import User
from dm3p.accounts.services import (
    admin_lockout_problem,
    person_sessions_end,
)
from dm3p.core.refusals import ServiceRefusal
from dm3p.core.services import (
    audit_record,
)
from dm3p.members.personal_data import personal_data_erase


class AccountDeleteRefused(ServiceRefusal):
    """The account can't be deleted now (see the message)."""


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Erase everything about the person (see personal_data); records that others rely on
    keep their content without the link to them. Refuses for the only active admin, who
    can't leave the site without an admin."""
    problem = admin_lockout_problem(person=user, keeps_admin=False, stays_active=False)
    if problem:
        raise AccountDeleteRefused(problem)
    audit_record(actor=None, action="account.delete", fields=["account"])
    person_sessions_end(user)
    personal_data_erase(user)
    user.delete()
