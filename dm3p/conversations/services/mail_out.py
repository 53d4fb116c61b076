"""E-mail about conversations: each post told at once to those who chose it, digests for
those who chose a rhythm, and the one-click way to stop either.

Each e-mail carries the recipient's reply address for the thread (``Reply-To``), a
``Message-ID`` stable per post and recipient (message_ids.py, which reads it back from a
reply) with ``In-Reply-To`` and ``References`` so mail programs keep a thread together,
``Auto-Submitted`` so vacation responders stay quiet, and one-click unsubscribe headers
(RFC 8058) naming the person and the kind.

Unsubscribing (decided here): a member has one rhythm, so stopping "at once" e-mails or
digests sets the rhythm to "nothing", but only while the rhythm is still the one the
e-mail came from (an old digest's link does not undo a later choice of "at once")."""

import datetime as dt

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.conversations.emails import (
    CONVERSATION_DIGEST,
    CONVERSATION_DIRECT,
    CONVERSATION_POST,
    CONVERSATIONS,
    MEMBER_MESSAGES,
)
from dm3p.conversations.enums import EmailRhythm
from dm3p.conversations.models import EmailChoice, Post, Thread
from dm3p.conversations.selectors.mail_out import (
    DIRECT,
    MENTION,
    REPLY,
    DigestThread,
    at_once_recipients,
    digest_choices_due,
    digest_for,
    rhythm_of,
)
from dm3p.conversations.services.message_ids import post_message_id, thread_message_id
from dm3p.conversations.services.reply_addresses import reply_token_issue
from dm3p.core.hooks import DeclaredEmail
from dm3p.core.links import site_link
from dm3p.core.placeholders import fill_placeholders
from dm3p.core.selectors import email_wording_get, site_settings_get
from dm3p.core.services import audit_record, email_queue, html_from_text

# What an unsubscribe link turns off.
AT_ONCE, DIGEST = "at_once", "digest"
UNSUBSCRIBE_SALT = "conversations.unsubscribe"
# Links in old e-mails keep working this long.
UNSUBSCRIBE_LASTS = dt.timedelta(days=365)


def unsubscribe_token(*, person: User, kind: str) -> str:
    return signing.dumps({"person": person.pk, "kind": kind}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_read(token: str) -> tuple[User, str] | None:
    """The person and kind an unsubscribe token names; None when it is broken or too old."""
    try:
        found = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_LASTS)
        person = User.objects.filter(pk=found["person"]).first()
        kind = found["kind"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
    if person is None or kind not in (AT_ONCE, DIGEST):
        return None
    return person, kind


def _rhythms_of(kind: str) -> set[EmailRhythm]:
    if kind == AT_ONCE:
        return {EmailRhythm.AT_ONCE}
    return {EmailRhythm.DAILY, EmailRhythm.WEEKLY}


def unsubscribed(*, person: User, kind: str) -> bool:
    """Whether ``person`` no longer gets e-mails of ``kind``."""
    return rhythm_of(person) not in _rhythms_of(kind)


@transaction.atomic
def unsubscribe(*, person: User, kind: str) -> bool:
    """Stop ``kind`` for ``person`` (see the module's docstring); False when it was
    already stopped."""
    if unsubscribed(person=person, kind=kind):
        return False
    email_choice_save(person=person, rhythm=EmailRhythm.NOTHING, actor=None)
    return True


@transaction.atomic
def email_choice_save(*, person: User, rhythm: EmailRhythm, actor: User | None) -> None:
    """Keep ``person``'s rhythm. Choosing a digest starts it from now, so the first one
    holds what comes after the choice."""
    choice, _ = EmailChoice.objects.select_for_update().get_or_create(person=person)
    if choice.rhythm == rhythm:
        return
    choice.rhythm = rhythm
    if rhythm in (EmailRhythm.DAILY, EmailRhythm.WEEKLY):
        choice.last_digest_at = timezone.now()
    choice.save(update_fields=["rhythm", "last_digest_at"])
    audit_record(
        actor=actor, action="conversation_email.update", subject_user=person, fields=["rhythm"]
    )


def _headers(*, person: User, kind: str, thread: Thread | None = None) -> dict[str, str]:
    token = unsubscribe_token(person=person, kind=kind)
    unsubscribe_link = site_link("conversations:unsubscribe", token)
    headers = {
        "Auto-Submitted": "auto-generated",
        "List-Unsubscribe": f"<{unsubscribe_link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    if thread is not None:
        reply = reply_token_issue(person=person, thread=thread)
        headers["Reply-To"] = f"reply+{reply}@{settings.DM3P_REPLY_DOMAIN}"
    return headers


def _words(email: DeclaredEmail, values: dict[str, str]) -> tuple[str, str]:
    """The subject and plain text of ``email`` in the organizers' words."""
    wording = email_wording_get(email=email)
    filled = {"site_name": site_settings_get().name, **values}
    subject = " ".join(fill_placeholders(wording.subject, filled).split())
    return subject, fill_placeholders(wording.body, filled).strip()


def _post_text(post: Post) -> str:
    """What the post says; behind a content note, only the note (it folds on the site too)."""
    if post.content_note:
        return f"Content note: {post.content_note}. Read the post on the site if you want to."
    return post.body or ""


def _why(post: Post, reason: str) -> str:
    author = post.author.display_name if post.author is not None else "A former member"
    place = post.thread.space.name if post.thread.space is not None else "a conversation"
    if reason == MENTION:
        return f"{author} mentioned you in {place}."
    if reason == REPLY:
        return f"{author} replied to your post in {place}."
    return f"{author} wrote in {place}, in a thread or space you follow."


def post_notifications_send(*, post_id: int) -> int:
    """E-mail everyone who chose to hear at once about a post like this one (see
    ``at_once_recipients``); returns how many were queued. Safe to run twice: the outbox
    key is per post and person."""
    post = (
        Post.objects.select_related("thread__space", "author__profile", "reply_to")
        .filter(pk=post_id)
        .first()
    )
    if post is None:
        return 0
    thread = post.thread
    kind = MEMBER_MESSAGES if thread.space_id is None else CONVERSATIONS
    queued = 0
    for person, reason in at_once_recipients(post, kind=kind.key):
        headers = _headers(person=person, kind=AT_ONCE, thread=thread)
        root = thread_message_id(thread_id=thread.pk, person=person)
        parent = (
            post_message_id(post_id=post.reply_to_id, person=person) if post.reply_to_id else root
        )
        headers["Message-ID"] = post_message_id(post_id=post.pk, person=person)
        headers["In-Reply-To"] = parent
        headers["References"] = " ".join(dict.fromkeys([root, parent]))
        values = {
            "author_name": post.author.display_name if post.author is not None else "",
            "thread_title": thread.title,
            "post": _post_text(post),
            "post_link": site_link("conversations:post", post.pk),
            "how_to_reply": "Reply to this e-mail to answer in the thread; your reply is "
            "posted there under your name.",
        }
        if reason != DIRECT:
            values["why"] = _why(post, reason)
        email = CONVERSATION_DIRECT if reason == DIRECT else CONVERSATION_POST
        subject, text = _words(email, values)
        sent = email_queue(
            key=f"conversation-post:{post.pk}:{person.pk}",
            kind=kind.key,
            to_address=person.email,
            recipient=person,
            subject=subject,
            text_body=text,
            html_body=html_from_text(subject=subject, text=text),
            headers=headers,
        )
        queued += sent is not None
    return queued


def _posts_in_words(count: int) -> str:
    return f"{count} new post" if count == 1 else f"{count} new posts"


def _digest_entries(entries: list[DigestThread]) -> list[dict[str, object]]:
    return [
        {
            "title": entry.thread.title,
            "link": site_link("conversations:thread", entry.thread.pk),
            "posts": [
                (
                    post.author.display_name if post.author is not None else "A former member",
                    _post_text(post),
                )
                for post in entry.posts
            ],
        }
        for entry in entries
    ]


def _digest_text(entries: list[dict[str, object]]) -> str:
    parts = []
    for entry in entries:
        posts: list[tuple[str, str]] = entry["posts"]  # type: ignore[assignment]
        lines = [f"{entry['title']} ({len(posts)} new): {entry['link']}"]
        lines += [f"{author} wrote: {text}" for author, text in posts]
        parts.append("\n\n".join(lines))
    return "\n\n".join(parts)


_DIGEST_MARK = "\x00digest\x00"


def _digest_html(subject: str, values: dict[str, str], entries: list[dict[str, object]]) -> str:
    """The HTML digest: the organizers' words as paragraphs around the threads, each thread
    a heading with its posts."""
    _, text = _words(CONVERSATION_DIGEST, {**values, "digest": _DIGEST_MARK})
    before, _, after = text.partition(_DIGEST_MARK)

    def paragraphs(part: str) -> list[str]:
        return [paragraph.strip() for paragraph in part.split("\n\n") if paragraph.strip()]

    return render_to_string(
        "conversations/emails/mail_out_digest.html",
        {
            "subject": subject,
            "before": paragraphs(before),
            "after": paragraphs(after),
            "entries": entries,
        },
    )


def digests_send() -> int:
    """Send each member whose digest is due what was posted since their last one, skipping
    those with nothing new. Each member's last digest moves to now, so a second run sends
    nothing again. Returns how many digests were queued."""
    now = timezone.now()
    queued = 0
    for choice in digest_choices_due(now=now):
        person = choice.person
        since = choice.last_digest_at or now - dt.timedelta(days=7)
        entries = digest_for(person=person, since=since, until=now)
        with transaction.atomic():
            updated = EmailChoice.objects.filter(
                pk=choice.pk, last_digest_at=choice.last_digest_at
            ).update(last_digest_at=now)
            if not updated or not entries:
                continue  # another run took it, or nothing new
            shown = _digest_entries(entries)
            values = {
                "post_count": _posts_in_words(sum(len(entry.posts) for entry in entries)),
                "digest": _digest_text(shown),
                "choice_link": site_link("conversations:email_choice"),
            }
            subject, text = _words(CONVERSATION_DIGEST, values)
            html = _digest_html(subject, values, shown)
            sent = email_queue(
                key=f"conversation-digest:{person.pk}:{now.isoformat()}",
                kind=CONVERSATIONS.key,
                to_address=person.email,
                recipient=person,
                subject=subject,
                text_body=text,
                html_body=html,
                headers=_headers(person=person, kind=DIGEST),
            )
            queued += sent is not None
    return queued
