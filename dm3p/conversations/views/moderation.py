"""Reporting a post, and organizers acting on posts and threads."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from dm3p.accounts.requests import MemberRequest
from dm3p.conversations.forms.moderation import PostModerationForm, ThreadModerationForm
from dm3p.conversations.links import post_url, thread_url
from dm3p.conversations.selectors.forum import thread_for
from dm3p.conversations.selectors.moderation import (
    post_for_moderation,
    post_to_report,
    posts_awaiting_review,
    spaces_to_move_to,
    thread_for_moderation,
)
from dm3p.conversations.services.moderation import post_moderate as post_moderate_apply
from dm3p.conversations.services.moderation import thread_moderate as thread_moderate_apply
from dm3p.conversations.views.messages import report_page
from dm3p.core.access import page_permission, staff_page
from dm3p.core.refusals import ServiceRefusal, refusal_show

POST_DONE = {
    "hide": "The post is hidden; its author is told why.",
    "show": "The post is shown again; its author is told.",
    "remove": "The post is removed; its author is told why.",
    "approve": "The post is published; its author is told.",
    "decline": "The post is not published; its author is told why.",
}
THREAD_DONE = {
    "lock": "The thread is locked.",
    "unlock": "The thread is unlocked.",
    "pin": "The thread is pinned.",
    "unpin": "The thread is unpinned.",
    "move": "The thread is moved.",
}


@page_permission("conversations.report_post")
@require_http_methods(["GET", "POST"])
def post_report_view(request: MemberRequest, pk: int) -> HttpResponse:
    """Report someone else's post in a thread the viewer can read: in a space, then back to
    the post; in a direct conversation (where it is a message), back to the conversation."""
    post = post_to_report(pk=pk, viewer=request.user)
    if post is None:
        raise Http404
    if post.thread.space_id is None:
        subject, back = "this message", thread_url(post.thread_id)
    else:
        subject, back = "this post", post_url(post.pk)
    return report_page(request, about=post.author, post=post, subject=subject, back=back)


@staff_page("conversations.moderate")
@require_http_methods(["GET", "POST"])
def post_moderate(request: MemberRequest, pk: int) -> HttpResponse:
    post = post_for_moderation(pk=pk, viewer=request.user)
    if post is None:
        raise Http404
    form = PostModerationForm(request.POST if request.method == "POST" else None, post=post)
    if request.method == "POST" and form.is_valid():
        action = form.cleaned_data["action"]
        try:
            post_moderate_apply(
                actor=request.user, post=post, action=action, reason=form.cleaned_data["reason"]
            )
        except ServiceRefusal as refusal:
            refusal_show(refusal, form=form)
        else:
            messages.success(request, POST_DONE[action])
            return redirect("conversations:post_moderate", pk=post.pk)
    return render(request, "conversations/moderate_post.html", {"post": post, "form": form})


@staff_page("conversations.moderate")
@require_http_methods(["GET", "POST"])
def thread_moderate(request: MemberRequest, pk: int) -> HttpResponse:
    thread = thread_for_moderation(pk=pk, viewer=request.user)
    if thread is None:
        raise Http404
    spaces = spaces_to_move_to(thread=thread)
    form = ThreadModerationForm(
        request.POST if request.method == "POST" else None, thread=thread, spaces=spaces
    )
    if request.method == "POST" and form.is_valid():
        action = form.cleaned_data["action"]
        try:
            thread_moderate_apply(
                actor=request.user,
                thread=thread,
                action=action,
                space=form.cleaned_data.get("space"),
                reason=form.cleaned_data["reason"],
            )
        except ServiceRefusal as refusal:
            refusal_show(refusal, form=form)
        else:
            messages.success(request, THREAD_DONE[action])
            return redirect("conversations:thread_moderate", pk=thread.pk)
    return render(
        request,
        "conversations/moderate_thread.html",
        {
            "thread": thread,
            "form": form,
            "may_read": thread_for(viewer=request.user, pk=thread.pk) is not None,
        },
    )


@staff_page("conversations.moderate")
def held_queue(request: MemberRequest) -> HttpResponse:
    return render(
        request,
        "conversations/moderate_held.html",
        {"posts": posts_awaiting_review(viewer=request.user)},
    )
