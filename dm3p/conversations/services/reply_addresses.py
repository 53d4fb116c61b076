"""Reply addresses: each person gets one secret address per thread
(``reply+TOKEN@domain``), so a reply by e-mail lands in the right thread as the right
person. Only a hash of the token is stored."""

import datetime as dt
import hashlib

from django.utils import timezone
from django.utils.crypto import salted_hmac

from dm3p.accounts.models import User
from dm3p.conversations.models import ReplyToken, Thread

REPLY_ADDRESS_LASTS = dt.timedelta(days=180)


def _hashed(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def reply_token_issue(*, person: User, thread: Thread) -> str:
    """``person``'s token for replies to ``thread``: the same in every e-mail, so a reply
    to an older notification still arrives, and good for ``REPLY_ADDRESS_LASTS`` after
    the latest. Made from the site's secret key, so nobody can work it out; only its hash
    is stored."""
    token = salted_hmac(
        "dm3p.conversations.reply_address", f"{person.pk}:{thread.pk}", algorithm="sha256"
    ).hexdigest()[:40]
    ReplyToken.objects.update_or_create(
        person=person,
        thread=thread,
        defaults={
            "token_hash": _hashed(token),
            "expires_at": timezone.now() + REPLY_ADDRESS_LASTS,
        },
    )
    return token


def reply_token_find(token: str) -> ReplyToken | None:
    """The unexpired reply address ``token`` belongs to, with its person and thread."""
    return (
        ReplyToken.objects.select_related("person", "thread")
        .filter(token_hash=_hashed(token), expires_at__gt=timezone.now())
        .first()
    )
