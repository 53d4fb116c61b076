"""Replies by e-mail: a message sent to a reply address (``reply+TOKEN@…``) is posted in
its thread as the person the address was made for, or refused with an e-mail saying why.
Mail servers hand messages over through ``manage.py receive_email`` (Postfix's pipe) or
``POST /mail/inbound/``; both call ``inbound_mail_receive``.

What is refused, and told (at most a few refusals an hour per address, never to mail sent
by a machine, and never with anything from the thread to an address that isn't the
person's): a sender that isn't the address the person uses on the site, a thread they can
no longer see, a locked thread, an empty reply.

Delivery failure reports count as bounces of the address they name only when they came to
that address's bounce address (the envelope sender the outbox gave the e-mail, see
dm3p.core.bounce_addresses): anyone can write a report, and forged ones must not stop the
site's e-mail to somebody. Other reports are kept and count nothing. After
``HARD_BOUNCES_TO_STOP`` counted bounces the outbox stops mailing the address.
The raw message is kept, encrypted, for ``INBOUND_KEPT`` (for moderators), then deleted."""

import datetime as dt
import enum
from dataclasses import dataclass
from email.message import EmailMessage

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.conversations.emails import REPLY_REFUSED
from dm3p.conversations.models import (
    BouncedAddress,
    InboundEmail,
    InboundOutcome,
    Post,
    ReplyToken,
)
from dm3p.conversations.selectors.access import threads_visible_to
from dm3p.conversations.services import mail_text
from dm3p.conversations.services.forum import reply_write
from dm3p.conversations.services.message_ids import post_answered
from dm3p.conversations.services.reply_addresses import reply_token_find
from dm3p.core.bounce_addresses import bounce_token_fits
from dm3p.core.ratelimits import Limit, within_limits
from dm3p.core.refusals import TooManyRequests
from dm3p.core.services import audit_record, email_wording_queue

# Larger messages are refused before they are read (mostly attachments, which replies
# by e-mail don't carry).
INBOUND_MAX_BYTES = 10 * 1024 * 1024
# How long the raw message stays for moderators.
INBOUND_KEPT = dt.timedelta(days=14)
HARD_BOUNCES_TO_STOP = 3
# A reply longer than this is refused rather than cut.
REPLY_MAX_CHARS = 20_000
REFUSAL_LIMITS = [Limit(count=3, seconds=3600), Limit(count=10, seconds=86400)]


class Result(enum.StrEnum):
    POSTED = "posted"
    REFUSED = "refused"  # and, within the limits, the sender was told why
    IGNORED = "ignored"  # sent by a machine: nothing posted, nobody told
    BOUNCE = "bounce"  # a delivery failure report, counted when proved
    UNKNOWN_ADDRESS = "unknown_address"  # no valid reply address among the recipients
    UNREADABLE = "unreadable"  # not an e-mail message, or too large


@dataclass(frozen=True)
class Outcome:
    result: Result
    reason: str = ""
    post: Post | None = None


@dataclass(frozen=True)
class _Refusal:
    reason: str
    why: str
    what_to_do: str


SENDER = _Refusal(
    "sender",
    "it came from an address that is not the one you use on the site.",
    "Reply from the address you use on the site, or write your reply on the site itself.",
)
NO_LONGER_VISIBLE = _Refusal(
    "not_visible",
    "you can no longer see this conversation.",
    "If you think this is a mistake, write to the organizers.",
)
LOCKED = _Refusal(
    "locked",
    "the thread is locked, so nobody can add to it.",
    "You can start a new thread on the site if you have more to say.",
)
EMPTY = _Refusal(
    "empty",
    "we found no words of yours in it, only quoted text or a signature.",
    "Write your reply above the quoted message and send it again.",
)
TOO_LONG = _Refusal(
    "too_long",
    f"it is longer than the {REPLY_MAX_CHARS:,} characters a post can hold.",
    "Shorten it, or split it into several replies, and send it again.",
)
TOO_MANY = _Refusal(
    "too_many",
    "you have posted a lot in a short time.",
    "Wait ten minutes and send your reply again.",
)


def _store(
    raw: bytes, outcome: InboundOutcome, reason: str = "", post: Post | None = None
) -> InboundEmail:
    return InboundEmail.objects.create(
        raw=raw.decode("latin-1"), outcome=outcome, reason=reason[:20], post=post
    )


def _refuse(*, raw: bytes, refusal: _Refusal, to_address: str, person: User | None) -> Outcome:
    """Keep the message, tell the sender why (within the limits), post nothing."""
    inbound = _store(raw, InboundOutcome.REFUSED, refusal.reason)
    if within_limits(scope="inbound_refusal", key=to_address.lower(), limits=REFUSAL_LIMITS):
        email_wording_queue(
            email=REPLY_REFUSED,
            outbox_key=f"reply_by_email_refused:{inbound.pk}",
            values={"why": refusal.why, "what_to_do": refusal.what_to_do},
            recipient=person,
            to_address=to_address,
        )
    audit_record(
        actor=None,
        action="conversations.reply_by_email_refused",
        subject_user=person,
        target=inbound,
        fields=[refusal.reason],
    )
    return Outcome(Result.REFUSED, refusal.reason)


def bounce_record(address: str) -> BouncedAddress:
    """One more hard bounce of ``address``; at ``HARD_BOUNCES_TO_STOP`` mail to it stops."""
    now = timezone.now()
    bounced, made = BouncedAddress.objects.get_or_create(
        address=address.lower(), defaults={"hard_bounces": 1, "last_bounced_at": now}
    )
    if not made:
        BouncedAddress.objects.filter(pk=bounced.pk).update(
            hard_bounces=F("hard_bounces") + 1, last_bounced_at=now
        )
        bounced.refresh_from_db()
    if bounced.hard_bounces >= HARD_BOUNCES_TO_STOP and bounced.stopped_at is None:
        BouncedAddress.objects.filter(pk=bounced.pk).update(stopped_at=now)
        bounced.stopped_at = now
    return bounced


def _bounces_count(raw: bytes, message: EmailMessage) -> Outcome:
    """Count the hard bounces the report proves: of each address it names whose bounce
    address it was sent to. A report that proves none is kept as unproved."""
    tokens = mail_text.bounce_tokens(message)
    failed = mail_text.hard_bounced_addresses(message)
    proved = [
        address
        for address in failed
        if any(bounce_token_fits(token=token, address=address) for token in tokens)
    ]
    for address in proved:
        bounce_record(address)
    reason = "unproved_bounce" if failed and not proved else ""
    _store(raw, InboundOutcome.BOUNCE, reason)
    return Outcome(Result.BOUNCE, reason)


def _reply_address(message: EmailMessage) -> ReplyToken | None:
    for token in mail_text.reply_tokens(message):
        found = reply_token_find(token)
        if found is not None:
            return found
    return None


def _answered_post(message: EmailMessage, found: ReplyToken) -> Post | None:
    """The post the e-mail was about, if it is in the same thread and the person may read
    it (a hint only: the thread is the reply address's)."""
    return post_answered(message=message, person=found.person, thread_id=found.thread_id)


def inbound_mail_receive(raw: bytes) -> Outcome:
    """Post the reply in ``raw`` (one whole e-mail message, as a mail server passes it on),
    refuse it, or set it aside; see the module's docstring. What can't be read is refused
    before the database is asked anything."""
    if len(raw) > INBOUND_MAX_BYTES:
        return Outcome(Result.UNREADABLE, "too_large")
    try:
        message = mail_text.message_parse(raw)
    except mail_text.UnreadableError as error:
        return Outcome(Result.UNREADABLE, str(error))
    return _receive(raw, message)


@transaction.atomic
def _receive(raw: bytes, message: EmailMessage) -> Outcome:
    if mail_text.is_delivery_report(message):
        return _bounces_count(raw, message)
    if mail_text.sent_by_a_machine(message):
        _store(raw, InboundOutcome.IGNORED, "automatic")
        return Outcome(Result.IGNORED, "automatic")
    found = _reply_address(message)
    if found is None:
        return Outcome(Result.UNKNOWN_ADDRESS)
    sender = mail_text.sender_address(message)
    person, thread = found.person, found.thread
    if not sender:
        _store(raw, InboundOutcome.IGNORED, "no_sender")
        return Outcome(Result.IGNORED, "no_sender")
    if sender != person.email.strip().lower():
        # Whoever this is, they learn nothing of the person or the thread.
        return _refuse(raw=raw, refusal=SENDER, to_address=sender, person=None)
    if not threads_visible_to(viewer=person).filter(pk=thread.pk).exists():
        return _refuse(raw=raw, refusal=NO_LONGER_VISIBLE, to_address=person.email, person=person)
    if thread.locked:
        return _refuse(raw=raw, refusal=LOCKED, to_address=person.email, person=person)
    text = mail_text.reply_only(mail_text.body_text(message))
    if not text:
        return _refuse(raw=raw, refusal=EMPTY, to_address=person.email, person=person)
    if len(text) > REPLY_MAX_CHARS:
        return _refuse(raw=raw, refusal=TOO_LONG, to_address=person.email, person=person)
    try:
        post = reply_write(
            thread=thread, author=person, body=text, reply_to=_answered_post(message, found)
        )
    except TooManyRequests:
        return _refuse(raw=raw, refusal=TOO_MANY, to_address=person.email, person=person)
    _store(raw, InboundOutcome.POSTED, post=post)
    audit_record(
        actor=person, action="conversations.reply_by_email", subject_user=person, target=post
    )
    return Outcome(Result.POSTED, post=post)


@transaction.atomic
def inbound_mail_purge(*, now: dt.datetime | None = None) -> int:
    """Delete the messages kept longer than ``INBOUND_KEPT``; returns how many."""
    cutoff = (now or timezone.now()) - INBOUND_KEPT
    deleted, _ = InboundEmail.objects.filter(received_at__lt=cutoff).delete()
    return deleted
