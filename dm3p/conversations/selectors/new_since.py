"""What is new to a person since they last read each thread (issue 14, post actions).

Our choice for threads they never opened: their posts written since the person joined
count as new (posts from before they joined were never "since you were last here"), so a
new member is not shown the whole history as new. Muted threads and threads in muted
spaces are left out (a thread they follow in a muted space stays); followed threads and
threads in followed spaces come first, then the latest. One query for the count and one
for the page, whatever the number of rows."""

from typing import Any

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from dm3p.conversations.enums import FollowLevel, PostState
from dm3p.conversations.models import Post, Subscription, Thread, ThreadRead
from dm3p.conversations.selectors.access import posts_visible_to, threads_visible_to


def _new_posts(viewer: Any) -> QuerySet[Post]:
    """Shown posts in the outer thread after the viewer's reading place, since they joined."""
    return (
        posts_visible_to(viewer=viewer)
        .filter(
            thread=OuterRef("pk"),
            state=PostState.SHOWN,
            id__gt=OuterRef("read_up_to"),
            created_at__gte=viewer.date_joined,
        )
        .order_by()
    )


def new_since(*, viewer: Any) -> QuerySet[Thread]:
    """Threads ``viewer`` can see with posts they haven't read, each annotated with
    ``new_count``, ``first_new_id`` and ``followed``."""
    subscriptions = Subscription.objects.filter(person=viewer)
    thread_level = subscriptions.filter(thread=OuterRef("pk")).values("level")[:1]
    space_level = subscriptions.filter(space=OuterRef("space")).values("level")[:1]
    read = ThreadRead.objects.filter(person=viewer, thread=OuterRef("pk"))
    new_posts = _new_posts(viewer)
    return (
        threads_visible_to(viewer=viewer)
        .filter(last_post_at__gte=viewer.date_joined)
        .annotate(
            read_up_to=Coalesce(
                Subquery(read.values("last_read_post_id")[:1]),
                Value(0),
                output_field=IntegerField(),
            ),
            thread_level=Coalesce(Subquery(thread_level), Value(""), output_field=CharField()),
            space_level=Coalesce(Subquery(space_level), Value(""), output_field=CharField()),
        )
        .filter(last_post_id__gt=F("read_up_to"))
        .exclude(thread_level=FollowLevel.MUTE)
        .exclude(Q(space_level=FollowLevel.MUTE) & ~Q(thread_level=FollowLevel.FOLLOW))
        .annotate(
            new_count=Subquery(
                new_posts.values("thread").annotate(count=Count("id")).values("count")[:1],
                output_field=IntegerField(),
            ),
            first_new_id=Subquery(
                new_posts.values("thread").annotate(first=Min("id")).values("first")[:1],
                output_field=IntegerField(),
            ),
            followed=Exists(
                subscriptions.filter(level=FollowLevel.FOLLOW).filter(
                    Q(thread=OuterRef("pk")) | Q(space=OuterRef("space"))
                )
            ),
        )
        .filter(new_count__gt=0)
        .select_related("space")
        .order_by("-followed", "-last_post_at", "-id")
    )
