"""Post actions (issue 14): editing and deleting one's own post, a post's earlier versions
for moderators, reactions and who gave them, bookmarks, following and muting threads and
spaces. Every object is found through access.py: what the person can't see is a 404."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from dm3p.accounts.requests import MemberRequest
from dm3p.conversations.enums import FollowLevel, Reacting
from dm3p.conversations.forms.actions import PostEditForm
from dm3p.conversations.links import post_url, space_url, thread_url
from dm3p.conversations.models import Post
from dm3p.conversations.selectors.actions import bookmarks_of, reactions_by_kind, thread_tools
from dm3p.conversations.selectors.forum import post_for, space_for, thread_for
from dm3p.conversations.services.actions import (
    bookmark_set,
    follow_set,
    post_delete,
    post_edit,
    reaction_toggle,
)
from dm3p.core.access import page_permission
from dm3p.core.fields import found_or_404

taking_part = page_permission("conversations.view_inbox")


def _back(request: MemberRequest, fallback: str) -> HttpResponse:
    """To the page the form was on (``next``, a path on this site), else ``fallback``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(target if safe else fallback)


def _post_allowing(request: MemberRequest, pk: int, permission: str) -> Post:
    post = found_or_404(post_for(viewer=request.user, pk=pk))
    if not request.user.has_perm(permission, post):
        raise Http404
    return post


@require_http_methods(["GET", "POST"])
@taking_part
def post_edit_page(request: MemberRequest, pk: int) -> HttpResponse:
    post = _post_allowing(request, pk, "conversations.edit_post")
    initial = {"body": post.body, "content_note": post.content_note}
    form = PostEditForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        post_edit(
            post=post,
            body=form.cleaned_data["body"],
            content_note=form.cleaned_data["content_note"],
        )
        messages.success(request, "Your post is changed.")
        return redirect(post_url(post.pk))
    return render(
        request,
        "conversations/actions_edit.html",
        {"form": form, "post": post, "back": post_url(post.pk)},
    )


@require_http_methods(["GET", "POST"])
@taking_part
def post_delete_page(request: MemberRequest, pk: int) -> HttpResponse:
    post = _post_allowing(request, pk, "conversations.delete_post")
    if request.method == "POST":
        post_delete(post=post)
        messages.success(request, "Your post is deleted.")
        return redirect(thread_url(post.thread_id))
    return render(
        request,
        "conversations/actions_delete.html",
        {"post": post, "back": post_url(post.pk)},
    )


@require_http_methods(["GET"])
@taking_part
def post_history(request: MemberRequest, pk: int) -> HttpResponse:
    post = _post_allowing(request, pk, "conversations.view_post_history")
    return render(
        request,
        "conversations/actions_history.html",
        {
            "post": post,
            "revisions": list(post.revisions.all()),
            "back": post_url(post.pk),
        },
    )


@require_http_methods(["POST"])
@taking_part
def post_react(request: MemberRequest, pk: int) -> HttpResponse:
    post = _post_allowing(request, pk, "conversations.react_to_post")
    try:
        kind = Reacting(request.POST.get("kind", ""))
    except ValueError:
        messages.error(request, "Choose one of the reactions.")
        return _back(request, post_url(post.pk))
    reacting = reaction_toggle(post=post, person=request.user, kind=kind)
    if request.headers.get("Accept", "").startswith("application/json"):
        return _reactions_json(request, post, kind, reacting=reacting)
    messages.success(
        request,
        f"You reacted \u201c{kind.label}\u201d."
        if reacting
        else f"You took back \u201c{kind.label}\u201d.",
    )
    return _back(request, post_url(post.pk))


def _reactions_json(
    request: MemberRequest, post: Post, kind: Reacting, *, reacting: bool
) -> HttpResponse:
    """For the page's script: each button's state, and a sentence to announce."""
    buttons = thread_tools(viewer=request.user, thread_id=post.thread_id).buttons(post.pk)
    pressed = next(button for button in buttons if button.kind == kind.value)
    said = "You reacted" if reacting else "You took back"
    return JsonResponse(
        {
            "buttons": [
                {"kind": button.kind, "text": button.text, "pressed": button.pressed}
                for button in buttons
            ],
            "said": f"{said} \u201c{kind.label}\u201d. {pressed.text}.",
        }
    )


@require_http_methods(["GET"])
@taking_part
def post_reactions(request: MemberRequest, pk: int) -> HttpResponse:
    post = found_or_404(post_for(viewer=request.user, pk=pk))
    return render(
        request,
        "conversations/actions_reactions.html",
        {"post": post, "kinds": reactions_by_kind(post=post), "back": post_url(post.pk)},
    )


@require_http_methods(["POST"])
@taking_part
def post_bookmark(request: MemberRequest, pk: int) -> HttpResponse:
    post = found_or_404(post_for(viewer=request.user, pk=pk))
    on = request.POST.get("bookmark") != "0"
    bookmark_set(post=post, person=request.user, on=on)
    messages.success(
        request, "The post is in your bookmarks." if on else "The post is out of your bookmarks."
    )
    return _back(request, post_url(post.pk))


@require_http_methods(["GET"])
@taking_part
def bookmarks(request: MemberRequest) -> HttpResponse:
    page = Paginator(bookmarks_of(viewer=request.user), 25).get_page(request.GET.get("page"))
    return render(request, "conversations/actions_bookmarks.html", {"page": page})


_LEVELS = {"follow": FollowLevel.FOLLOW, "mute": FollowLevel.MUTE, "none": None}
_SAID = {
    "follow": "You follow this {0}.",
    "mute": "You muted this {0}.",
    "none": "You no longer follow or mute this {0}.",
}


def _follow(request: MemberRequest, what: str, **target: object) -> None:
    """Follow, mute or neither, as the button pressed says."""
    level = request.POST.get("level", "")
    if level not in _LEVELS:
        messages.error(request, "Choose to follow, to mute, or neither.")
        return
    follow_set(person=request.user, level=_LEVELS[level], **target)  # type: ignore[arg-type]
    messages.success(request, _SAID[level].format(what))


@require_http_methods(["POST"])
@taking_part
def thread_follow(request: MemberRequest, pk: int) -> HttpResponse:
    thread = found_or_404(thread_for(viewer=request.user, pk=pk))
    _follow(request, "conversation" if thread.is_direct else "thread", thread=thread)
    return _back(request, thread_url(thread.pk))


@require_http_methods(["POST"])
@taking_part
def space_follow(request: MemberRequest, slug: str) -> HttpResponse:
    space = found_or_404(space_for(viewer=request.user, slug=slug))
    _follow(request, "space", space=space)
    return _back(request, space_url(space.slug))
