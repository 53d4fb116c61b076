"""The conversation pages: spaces, a space's threads, a thread's posts, and writing in
them. Anything the viewer can't see answers 404."""

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from dm3p.accounts.requests import MemberRequest
from dm3p.conversations.enums import PostState, SpaceKind
from dm3p.conversations.forms.forum import PostForm, ThreadForm
from dm3p.conversations.links import thread_url
from dm3p.conversations.models import Post, Thread
from dm3p.conversations.selectors.forum import (
    names_for_mention,
    page_of_post,
    participants_of,
    post_for,
    posts_after,
    posts_page,
    read_upto,
    space_for,
    space_rows,
    space_threads,
    thread_for,
    thread_post_ids,
)
from dm3p.conversations.services.forum import LOCKED_MESSAGE, reply_write, thread_read, thread_write
from dm3p.core.access import page_permission
from dm3p.core.fields import found_or_404, id_or_404
from dm3p.core.refusals import ServiceRefusal, TooManyRequests, refusal_show

taking_part = page_permission("conversations.take_part")


def _suggesting(form: PostForm, url: str) -> PostForm:
    """Where JavaScript runs, the body box offers names after @ from ``url``."""
    form.fields["body"].widget.attrs["data-mentions-url"] = url
    return form


@require_GET
@taking_part
def spaces(request: MemberRequest) -> HttpResponse:
    return render(
        request, "conversations/forum_spaces.html", {"rows": space_rows(viewer=request.user)}
    )


@require_GET
@taking_part
def space(request: MemberRequest, slug: str) -> HttpResponse:
    found = found_or_404(space_for(viewer=request.user, slug=slug))
    page = space_threads(viewer=request.user, space=found, page=request.GET.get("page"))
    return render(
        request,
        "conversations/forum_space.html",
        {"space": found, "page": page, "viewer": request.user},
    )


def _thread_or_404(request: MemberRequest, pk: int) -> Thread:
    return found_or_404(thread_for(viewer=request.user, pk=pk))


def _title(thread: Thread, request: MemberRequest) -> str:
    if not thread.is_direct:
        return thread.title
    others = [
        person.display_name for person in participants_of(thread) if person.pk != request.user.pk
    ]
    return f"Conversation with {', '.join(others) or 'nobody else'}"


@require_GET
@taking_part
def thread(request: MemberRequest, pk: int) -> HttpResponse:
    found = _thread_or_404(request, pk)
    post_ids = thread_post_ids(viewer=request.user, thread=found)
    upto = read_upto(viewer=request.user, thread=found)
    paged, rows = posts_page(
        viewer=request.user,
        thread=found,
        post_ids=post_ids,
        page=request.GET.get("page"),
        upto=upto,
    )
    first_new = next((row for row in rows if row.new), None)
    later_new = None
    if first_new is None:
        later = [pk for pk in post_ids if pk > upto and pk > (rows[-1].post.pk if rows else 0)]
        later_new = (page_of_post(post_ids, later[0]), later[0]) if later else None
    if rows:
        thread_read(person=request.user, thread=found, post_id=rows[-1].post.pk)
    context = {
        "thread": found,
        "title": _title(found, request),
        "page": paged,
        "rows": rows,
        "first_new": first_new,
        "later_new": later_new,
        "new_count": sum(1 for row in rows if row.new),
        "viewer": request.user,
        "form": None
        if found.locked
        else _suggesting(PostForm(), reverse("conversations:thread_names", args=[found.pk])),
        "may_reply": not found.locked,
        "last_id": post_ids[-1] if post_ids else 0,
    }
    return render(request, "conversations/forum_thread.html", context)


@require_GET
@taking_part
def thread_after(request: MemberRequest, pk: int) -> HttpResponse:
    """The posts after ``?after=``, for an open thread page to offer (a fragment)."""
    found = _thread_or_404(request, pk)
    after = request.GET.get("after", "")
    rows = posts_after(viewer=request.user, thread=found, after=id_or_404(after) if after else 0)
    return render(
        request,
        "conversations/forum_after.html",
        {"rows": rows, "thread": found, "viewer": request.user},
    )


@require_GET
@taking_part
def post(request: MemberRequest, pk: int) -> HttpResponse:
    found = found_or_404(post_for(viewer=request.user, pk=pk))
    thread = _thread_or_404(request, found.thread_id)
    page = page_of_post(thread_post_ids(viewer=request.user, thread=thread), found.pk)
    return redirect(f"{thread_url(thread.pk)}?page={page}#post-{found.pk}")


@require_http_methods(["GET", "POST"])
@taking_part
def thread_new(request: MemberRequest, slug: str) -> HttpResponse:
    found = space_for(viewer=request.user, slug=slug)
    if found is None or found.kind == SpaceKind.GATHERINGS:  # a gathering's thread is its own
        raise Http404
    form = ThreadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    _suggesting(form, reverse("conversations:space_names", args=[found.slug]))
    if request.method == "POST" and form.is_valid():
        try:
            made = thread_write(
                space=found,
                author=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                content_note=form.cleaned_data["content_note"],
                images=form.images(),
            )
        except TooManyRequests as refusal:
            refusal_show(refusal, form=form)
            context = {"space": found, "form": form}
            return render(request, "conversations/forum_thread_new.html", context, status=429)
        messages.success(request, "Your thread is started.")
        return redirect("conversations:thread", pk=made.pk)
    return render(request, "conversations/forum_thread_new.html", {"space": found, "form": form})


def _quoted(post: Post) -> str:
    name = post.author.display_name if post.author else "A former member"
    lines = "\n".join(f"> {line}".rstrip() for line in (post.body or "").strip().splitlines())
    return f"{name} wrote:\n\n{lines}\n\n"


@require_http_methods(["GET", "POST"])
@taking_part
def reply(request: MemberRequest, pk: int) -> HttpResponse:
    found = _thread_or_404(request, pk)
    to = request.GET.get("to") or request.POST.get("to")
    answering = None
    if to:
        answering = post_for(viewer=request.user, pk=id_or_404(to))
        if answering is None or answering.thread_id != found.pk:
            raise Http404
    if request.method == "POST":
        form = PostForm(request.POST, request.FILES)
    else:
        quote = request.GET.get("quote") == "1"
        initial = (
            {"body": _quoted(answering)}
            if answering is not None and quote and answering.is_readable
            else {}
        )
        form = PostForm(initial=initial)
    _suggesting(form, reverse("conversations:thread_names", args=[found.pk]))
    context = {
        "thread": found,
        "title": _title(found, request),
        "form": form,
        "answering": answering,
    }
    if found.locked:
        context["locked"] = LOCKED_MESSAGE
    if request.method == "POST" and form.is_valid():
        try:
            written = reply_write(
                thread=found,
                author=request.user,
                body=form.cleaned_data["body"],
                reply_to=answering,
                content_note=form.cleaned_data["content_note"],
                images=form.images(),
            )
        except ServiceRefusal as refusal:
            refusal_show(refusal, form=form)
            status = 429 if isinstance(refusal, TooManyRequests) else 400
            return render(request, "conversations/forum_reply.html", context, status=status)
        messages.success(
            request,
            "Your post is sent."
            if written.state == PostState.SHOWN
            else "Your post is sent. Others see it once an organizer has looked at it.",
        )
        return redirect("conversations:post", pk=written.pk)
    return render(request, "conversations/forum_reply.html", context)


@require_GET
@taking_part
def thread_names(request: MemberRequest, pk: int) -> JsonResponse:
    """Names for the @ suggestions while writing in a thread (JSON)."""
    found = _thread_or_404(request, pk)
    if found.space is None:
        return JsonResponse({"names": []})
    start = request.GET.get("q", "")[:50]
    names = names_for_mention(start=start, thread=found, space=found.space)
    return JsonResponse({"names": [name for name in names if name != request.user.display_name]})


@require_GET
@taking_part
def space_names(request: MemberRequest, slug: str) -> JsonResponse:
    """Names for the @ suggestions while starting a thread in a space (JSON)."""
    found = found_or_404(space_for(viewer=request.user, slug=slug))
    names = names_for_mention(start=request.GET.get("q", "")[:50], thread=None, space=found)
    return JsonResponse({"names": [name for name in names if name != request.user.display_name]})
