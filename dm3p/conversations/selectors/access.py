"""Who may read what in conversations, as querysets: every list, count and search filters
by these inside the query itself, never by hiding rows after fetching them."""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.rules import is_member, is_organizer
from dm3p.circles.models import CircleMembership
from dm3p.conversations.enums import PostState, SpaceAudience, SpaceKind
from dm3p.conversations.models import (
    Post,
    PostWithheld,
    Space,
    SpaceMember,
    Thread,
    ThreadParticipant,
)
from dm3p.events.selectors import events_visible_to


def takes_part(viewer: Any) -> bool:
    """Members, allies and organizers talk here; applicants and suspended members don't."""
    return bool(is_member(viewer) or is_organizer(viewer))


def spaces_visible_to(*, viewer: Any) -> QuerySet[Space]:
    """The spaces ``viewer`` may read and write in. Organizers read a circle's space only
    through a report about one of its posts, never here."""
    if not takes_part(viewer):
        return Space.objects.none()
    audiences = Q(audience=SpaceAudience.EVERYONE) | Q(
        audience=SpaceAudience.LISTED,
        pk__in=SpaceMember.objects.filter(person=viewer).values("space"),
    )
    if is_organizer(viewer):
        audiences |= Q(audience__in=[SpaceAudience.MEMBERS, SpaceAudience.ORGANIZERS])
    elif viewer.membership_status == MembershipStatus.MEMBER:
        audiences |= Q(audience=SpaceAudience.MEMBERS)
    topic_spaces = ~Q(kind=SpaceKind.CIRCLE) & audiences
    own_circles = Q(
        kind=SpaceKind.CIRCLE,
        circle__round__published_at__isnull=False,
        circle__in=CircleMembership.objects.filter(member=viewer).values("circle"),
    )
    if not is_member(viewer):
        own_circles = Q(pk__in=[])
    return Space.objects.filter(topic_spaces | own_circles, archived_at__isnull=True)


def threads_visible_to(*, viewer: Any) -> QuerySet[Thread]:
    """Threads in spaces ``viewer`` may see (a gathering's thread also needs the gathering
    to be visible to them), and the direct conversations they take part in."""
    if not takes_part(viewer):
        return Thread.objects.none()
    in_spaces = Q(space__in=spaces_visible_to(viewer=viewer)) & (
        Q(event__isnull=True) | Q(event__in=events_visible_to(viewer=viewer))
    )
    if not is_organizer(viewer):
        # A thread whose first post waits for review (or was declined) shows nothing, not
        # even its title, to anyone but the person who started it. Organizers review it.
        in_spaces &= Q(post_count__gt=0) | Q(author=viewer) | Q(event__isnull=False)
    direct = Q(space__isnull=True) & Exists(
        ThreadParticipant.objects.filter(thread=OuterRef("pk"), person=viewer)
    )
    return Thread.objects.filter(in_spaces | direct)


def posts_visible_to(*, viewer: Any) -> QuerySet[Post]:
    """Posts others can read in threads ``viewer`` may see, and the viewer's own posts
    waiting for review or hidden while reviewed (they still see what they wrote). Never a
    direct post withheld from the viewer because they had blocked its author."""
    if not takes_part(viewer):
        return Post.objects.none()
    readable = Q(state__in=[PostState.SHOWN, PostState.REMOVED, PostState.REMOVED_BY_MODERATOR])
    own = Q(author=viewer, state__in=[PostState.HELD, PostState.HIDDEN])
    withheld = Exists(PostWithheld.objects.filter(post=OuterRef("pk"), person=viewer))
    return Post.objects.filter(
        readable | own, thread__in=threads_visible_to(viewer=viewer)
    ).exclude(withheld)
