"""Who hears about a post by e-mail, and what a digest holds: read at sending time, so a
person who can no longer see a thread hears nothing more about it."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from dm3p.accounts.models import User
from dm3p.conversations.enums import EmailRhythm, FollowLevel, PostState
from dm3p.conversations.models import (
    Block,
    EmailChoice,
    Mention,
    Post,
    Subscription,
    Thread,
    ThreadParticipant,
)
from dm3p.conversations.selectors.access import posts_visible_to
from dm3p.core.models import EmailOptOut

# Why someone hears about a post, most personal first (each person hears once, for the
# first reason that applies).
DIRECT, MENTION, REPLY, FOLLOW = "direct", "mention", "reply", "follow"


def rhythm_of(person: User) -> EmailRhythm:
    """A member's choice; without one, e-mail at once."""
    choice = EmailChoice.objects.filter(person=person).first()
    return EmailRhythm(choice.rhythm) if choice is not None else EmailRhythm.AT_ONCE


def _follows(thread: Thread) -> Q:
    """Following the thread, or its space (never matching every thread subscription when
    the thread has no space)."""
    where = Q(thread=thread)
    if thread.space_id is not None:
        where |= Q(space_id=thread.space_id)
    return where


def at_once_recipients(post: Post, *, kind: str) -> list[tuple[User, str]]:
    """Everyone to e-mail at once about ``post``, with why: the other people in a direct
    conversation, those mentioned, the author of the post it answers, and the followers of
    its thread or space. Never its writer, anyone who muted the thread, chose another
    rhythm, turned ``kind`` off or blocked the writer, and only those who can still see
    the thread. Only posts others can read are told. One query for the candidates, then
    one visibility check per candidate."""
    if post.state != PostState.SHOWN or post.author_id is None:
        return []
    thread = post.thread
    person = OuterRef("pk")
    mute = FollowLevel.MUTE
    reply_author = post.reply_to.author_id if post.reply_to is not None else None
    who = Q(is_mentioned=True) | Q(is_follower=True)
    if reply_author is not None:
        who |= Q(pk=reply_author)
    if thread.space_id is None:
        who |= Q(is_participant=True)
    candidates = (
        User.objects.exclude(pk=post.author_id)
        .annotate(
            is_participant=Exists(ThreadParticipant.objects.filter(thread=thread, person=person)),
            is_mentioned=Exists(Mention.objects.filter(post=post, person=person)),
            is_follower=Exists(
                Subscription.objects.filter(
                    _follows(thread), person=person, level=FollowLevel.FOLLOW
                )
            ),
        )
        .filter(who)
        .exclude(Exists(Subscription.objects.filter(thread=thread, person=person, level=mute)))
        .exclude(
            Exists(EmailChoice.objects.filter(person=person).exclude(rhythm=EmailRhythm.AT_ONCE))
        )
        .exclude(Exists(EmailOptOut.objects.filter(user=person, kind=kind)))
        .exclude(Exists(Block.objects.filter(blocker=person, blocked_id=post.author_id)))
        .select_related("profile")
        .order_by("pk")
    )
    told: list[tuple[User, str]] = []
    for candidate in candidates:
        # Still allowed to read this very post (not withheld from them, say) when it goes.
        if not posts_visible_to(viewer=candidate).filter(pk=post.pk).exists():
            continue
        if candidate.is_participant and thread.space_id is None:
            reason = DIRECT
        elif candidate.is_mentioned:
            reason = MENTION
        elif candidate.pk == reply_author:
            reason = REPLY
        else:
            reason = FOLLOW
        told.append((candidate, reason))
    return told


# A digest is due a little before a whole period has passed, so a task that runs a few
# minutes early or late never skips a day.
SLACK = dt.timedelta(hours=1)
PERIODS = {EmailRhythm.DAILY: dt.timedelta(days=1), EmailRhythm.WEEKLY: dt.timedelta(days=7)}


def digest_choices_due(*, now: dt.datetime) -> QuerySet[EmailChoice]:
    """The choices of members whose daily or weekly digest is due."""
    due = Q(pk__in=[])
    for rhythm, period in PERIODS.items():
        due |= Q(rhythm=rhythm) & (
            Q(last_digest_at__isnull=True) | Q(last_digest_at__lte=now - period + SLACK)
        )
    return EmailChoice.objects.filter(due).select_related("person__profile").order_by("pk")


@dataclass(frozen=True)
class DigestThread:
    thread: Thread
    posts: list[Post]


def digest_for(*, person: User, since: dt.datetime, until: dt.datetime) -> list[DigestThread]:
    """The posts others wrote between ``since`` and ``until`` in the threads and spaces
    ``person`` follows (not in threads they muted), that they may still read, thread by
    thread. A fixed number of queries, whatever it holds."""
    me = Subscription.objects.filter(person=person)
    followed = Q(
        thread__in=me.filter(level=FollowLevel.FOLLOW, thread__isnull=False).values("thread")
    ) | Q(
        thread__space__in=me.filter(level=FollowLevel.FOLLOW, space__isnull=False).values("space")
    )
    muted = me.filter(level=FollowLevel.MUTE, thread__isnull=False).values("thread")
    posts = (
        posts_visible_to(viewer=person)
        .filter(followed, state=PostState.SHOWN, created_at__gt=since, created_at__lte=until)
        .exclude(thread__in=muted)
        .exclude(author=person)
        .exclude(author__in=Block.objects.filter(blocker=person).values("blocked"))
        .select_related("thread", "author__profile")
        .order_by("thread_id", "id")
    )
    grouped: dict[int, DigestThread] = {}
    for post in posts:
        grouped.setdefault(post.thread_id, DigestThread(post.thread, [])).posts.append(post)
    return sorted(grouped.values(), key=lambda entry: entry.posts[-1].pk, reverse=True)
