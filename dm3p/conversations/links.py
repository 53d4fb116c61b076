"""The addresses of the conversation pages, one way each: a space, a thread, a post (which
leads to its page of the thread), and a post's place on the thread's first page. For a full
address in an e-mail, ``dm3p.core.links.site_link`` with the same URL names."""

from django.urls import reverse


def space_url(slug: str) -> str:
    return reverse("conversations:space", args=[slug])


def thread_url(thread_id: int) -> str:
    return reverse("conversations:thread", args=[thread_id])


def post_url(post_id: int) -> str:
    """The post's own page, which sends the reader to its page of the thread."""
    return reverse("conversations:post", args=[post_id])


def post_in_thread_url(*, thread_id: int, post_id: int) -> str:
    """A post on its thread's page, straight to it, without asking which page it is on."""
    return f"{thread_url(thread_id)}#post-{post_id}"
