"""The Message-ID of each e-mail about a post, and reading it back from a reply: the one
place that makes these ids and the one place that reads them.

An id names a post (or a thread) and the person it was sent to by an HMAC of both with the
site's secret, ``<post.{32 hex}@{SITE_DOMAIN}>``: the same on every sending, so mail
programs keep a thread together, and saying nothing of the post or person to whoever reads
headers. It can't be decoded, so a reply is read back by making the ids of the posts its
sender may read in the reply's thread and finding the one the reply's ``In-Reply-To`` or
``References`` names. The reply address already proved who sent it and to which thread;
the id only says which post they answered."""

import re
from email.message import Message

from django.conf import settings
from django.utils.crypto import salted_hmac

from dm3p.accounts.models import User
from dm3p.conversations.models import Post
from dm3p.conversations.selectors.access import posts_visible_to
from dm3p.conversations.services.mail_text import header_text

SALT = "conversations.message-id"
POST_MESSAGE_ID = re.compile(r"<post\.([0-9a-f]{32})@[^>\s]+>")


def _digest(what: str, person: User) -> str:
    return salted_hmac(SALT, f"{what}|{person.pk}", algorithm="sha256").hexdigest()[:32]


def post_message_id(*, post_id: int, person: User) -> str:
    """The Message-ID of the e-mail telling ``person`` about post ``post_id``."""
    return f"<post.{_digest(f'post.{post_id}', person)}@{settings.SITE_DOMAIN}>"


def thread_message_id(*, thread_id: int, person: User) -> str:
    """The id every e-mail of a thread refers to first (``References``), as ``person``
    gets them; no e-mail carries it as its own."""
    return f"<thread.{_digest(f'thread.{thread_id}', person)}@{settings.SITE_DOMAIN}>"


def _named_digests(message: Message) -> list[str]:
    """The post ids a reply names, the nearest first: In-Reply-To, then References from
    the last."""
    named: list[str] = []
    for name in ("In-Reply-To", "References"):
        named += reversed(POST_MESSAGE_ID.findall(header_text(message, name)))
    return named


def post_answered(*, message: Message, person: User, thread_id: int) -> Post | None:
    """The post whose e-mail ``message`` answers, among those ``person`` may read in the
    thread their reply went to (``thread_id``, the reply address's); None when it names none
    of them."""
    named = _named_digests(message)
    if not named:
        return None
    posts = posts_visible_to(viewer=person).filter(thread_id=thread_id)
    by_digest = {_digest(f"post.{pk}", person): pk for pk in posts.values_list("pk", flat=True)}
    for digest in named:
        if digest in by_digest:
            return posts.filter(pk=by_digest[digest]).first()
    return None
