"""Tags for the post-action includes (issue 14): the state of each post's tools, and of a
thread's or space's follow buttons, read once per thread page rather than once per post."""

from typing import Any

from django import template

from dm3p.conversations.links import post_url
from dm3p.conversations.selectors.actions import ThreadTools, follow_level, thread_tools

register = template.Library()

_CACHE = "_post_tools_by_thread"


@register.simple_tag(takes_context=True)
def post_tools(context: Any, post: Any, viewer: Any) -> dict[str, Any]:
    """What ``post``'s tools show ``viewer``: its reaction buttons and whether they
    bookmarked it. The whole thread's are read with the first post (two queries) and kept
    on the request for the others."""
    request = context.get("request")
    cache: dict[int, ThreadTools] = getattr(request, _CACHE, None) or {}
    tools = cache.get(post.thread_id)
    if tools is None:
        tools = thread_tools(viewer=viewer, thread_id=post.thread_id)
        cache[post.thread_id] = tools
        if request is not None:
            setattr(request, _CACHE, cache)
    return {
        "reactions": tools.buttons(post.pk),
        "bookmarked": post.pk in tools.bookmarked,
        "is_author": post.author_id is not None and post.author_id == viewer.pk,
    }


@register.simple_tag
def following(viewer: Any, thread: Any = None, space: Any = None) -> str:
    """ "follow", "mute" or "": one query."""
    return follow_level(viewer=viewer, thread=thread, space=space)


@register.simple_tag
def post_link(pk: int) -> str:
    """The address of post ``pk`` on its thread page."""
    return post_url(pk)
