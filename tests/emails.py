"""The e-mails a test's actions sent, by whom they went to.

Each helper first runs the tasks that are due (as the worker would), so what was queued has
gone out, then reads Django's test outbox. ``to`` is a person or an address; an e-mail
counts when it went to that address alone.
"""

import re
from typing import cast

from django.core import mail
from django.core.mail import EmailMultiAlternatives

from dm3p.accounts.models import User
from tests.helpers import run_queued_tasks


def emails_to(to: User | str) -> list[EmailMultiAlternatives]:
    """Every e-mail sent to ``to``, oldest first."""
    run_queued_tasks()
    address = to.email if isinstance(to, User) else to
    return [
        cast(EmailMultiAlternatives, message) for message in mail.outbox if message.to == [address]
    ]


def subjects_to(to: User | str) -> list[str]:
    return [str(message.subject) for message in emails_to(to)]


def bodies_to(to: User | str) -> list[str]:
    """The plain-text bodies."""
    return [str(message.body) for message in emails_to(to)]


def texts_to(to: User | str) -> list[str]:
    """Each e-mail's subject, a new line, then its plain-text body."""
    return [f"{message.subject}\n{message.body}" for message in emails_to(to)]


def link_in(body: str, path: str) -> str:
    """The site-relative address of the link in an e-mail's text that starts with ``path``
    (e.g. "/apply/resume/")."""
    match = re.search(rf"https?://[^/\s]+({re.escape(path)}\S+)", body)
    assert match, body
    return match.group(1)
