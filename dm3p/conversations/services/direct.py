"""Writes about direct conversations: starting or continuing one with one or more members,
and adding someone to one. Posts go through the posting service (counts, reading place,
withholding from whoever blocked the writer)."""

from collections.abc import Sequence

from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from dm3p.accounts.models import User
from dm3p.accounts.selectors import members_now
from dm3p.conversations.models import (
    Block,
    Message,
    Post,
    PostWithheld,
    Thread,
    ThreadParticipant,
)
from dm3p.conversations.selectors.direct import direct_between
from dm3p.conversations.services.posting import post_add
from dm3p.conversations.services.withholding import withhold_history_from
from dm3p.core.ratelimits import Limit, within_limits
from dm3p.core.refusals import ServiceRefusal, TooManyRequests
from dm3p.core.services import audit_record

MESSAGES_PER_HOUR = 5
MESSAGES_PER_DAY = 20
# How many conversations a person may start or continue from a profile or the new
# conversation page (the scope is the one the old direct messages used).
MESSAGE_LIMITS = (Limit(MESSAGES_PER_HOUR, 3600), Limit(MESSAGES_PER_DAY, 86400))
DIRECT_TITLE = "Conversation"
MOST_PEOPLE = 20


class DirectRefused(ServiceRefusal):
    """A conversation can't be started or changed as asked (see the message)."""


def _within_message_limits(sender: User) -> bool:
    return within_limits(scope="messages", key=str(sender.pk), limits=MESSAGE_LIMITS)


@transaction.atomic
def direct_write(*, sender: User, others: Sequence[User], body: str, title: str = "") -> Post:
    """Write to ``others`` (members, not the sender): with one person, in the conversation
    of just the two of them when there is one; else in a new conversation of them all. A
    person who blocked the sender never gets the post, and the sender can't tell (the post
    is theirs as usual). Refused when the sender has written many recently
    (``TooManyRequests``) or someone chosen is not a member now (``DirectRefused``)."""
    people = {person.pk: person for person in others if person.pk != sender.pk}
    if not people:
        raise DirectRefused("Choose at least one person to write to.")
    if len(people) > MOST_PEOPLE:
        raise DirectRefused(f"A conversation can have at most {MOST_PEOPLE} other people.")
    if members_now().filter(pk__in=people).count() != len(people):
        raise DirectRefused(
            "Someone you chose is no longer a member, so they can't receive this. What you "
            "wrote is still here."
        )
    if not _within_message_limits(sender):
        raise TooManyRequests(
            "You have sent a lot of messages recently. Please wait an hour and try again; "
            "what you wrote is still here."
        )
    thread = (
        direct_between(one=sender, other=next(iter(people.values()))) if len(people) == 1 else None
    )
    if thread is None:
        thread = Thread.objects.create(
            space=None, author=sender, title=title.strip() or DIRECT_TITLE
        )
        ThreadParticipant.objects.bulk_create(
            [ThreadParticipant(thread=thread, person_id=pk) for pk in [sender.pk, *people]]
        )
    return post_add(thread=thread, author=sender, body=body.strip())


@transaction.atomic
def direct_person_add(*, actor: User, thread: Thread, person: User) -> None:
    """``actor`` (in the conversation; the view checks) adds ``person``, who then sees the
    whole conversation so far, except what people they blocked wrote."""
    if not members_now().filter(pk=person.pk).exists():
        raise DirectRefused("This person is no longer a member.")
    if ThreadParticipant.objects.filter(thread=thread).count() > MOST_PEOPLE:
        raise DirectRefused(f"A conversation can have at most {MOST_PEOPLE + 1} people.")
    people = ThreadParticipant.objects.filter(thread=thread).values("person")
    if Block.objects.filter(
        Q(blocker=person, blocked__in=people) | Q(blocked=person, blocker__in=people)
    ).exists():
        # Someone here and the newcomer don't want to hear from each other; which of them
        # is nobody else's business.
        raise DirectRefused(
            "This person can't be added to this conversation. Start a new one with them "
            "instead if you like."
        )
    _, made = ThreadParticipant.objects.get_or_create(thread=thread, person=person)
    if not made:
        return
    withhold_history_from(person_id=person.pk, thread_id=thread.pk)
    audit_record(actor=actor, action="direct.add_person", target=thread, subject_user=person)


def direct_erase(user: User) -> None:
    """Before an account is deleted: its direct posts nobody else could read (each other
    person had blocked the writer) go, as the old undelivered messages did; its other posts
    stay with the others, unsigned. Its places in conversations go with the account."""
    readers = ThreadParticipant.objects.filter(thread=OuterRef("thread")).exclude(person=user)
    unwithheld = readers.exclude(
        person__in=PostWithheld.objects.filter(post=OuterRef(OuterRef("pk"))).values("person")
    )
    Post.objects.filter(author=user, thread__space__isnull=True).exclude(
        Exists(unwithheld)
    ).delete()
    Message.objects.filter(sender=user, delivered=False).delete()
