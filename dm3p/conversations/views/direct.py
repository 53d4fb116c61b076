"""Direct conversations: the viewer's list, starting or continuing one (also from a member's
profile), adding someone; the old message links lead to the new place. A conversation
itself is read and answered on the thread page, and a post in it is reported as any post is
(moderation.py)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from dm3p.accounts.models import User
from dm3p.accounts.requests import MemberRequest
from dm3p.conversations.forms.direct import ContactForm, DirectAddForm, DirectNewForm
from dm3p.conversations.links import post_in_thread_url, thread_url
from dm3p.conversations.selectors.direct import (
    direct_lines,
    direct_thread_for,
    direct_threads_of,
    others_named,
    people_to_choose,
    post_from_message,
)
from dm3p.conversations.selectors.moderation import post_to_report
from dm3p.conversations.services.direct import direct_person_add, direct_write
from dm3p.conversations.views.messages import contactable, contacted
from dm3p.core.access import page_permission
from dm3p.core.refusals import ServiceRefusal, TooManyRequests, refusal_show

PER_PAGE = 25
taking_part = page_permission("conversations.view_inbox")


@taking_part
def direct_list(request: MemberRequest) -> HttpResponse:
    page = Paginator(direct_threads_of(viewer=request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "conversations/direct_list.html",
        {"page": page, "lines": direct_lines(page.object_list, request.user)},
    )


def _written(
    request: MemberRequest, form: ContactForm | DirectNewForm, others: list[User]
) -> tuple[str | None, int]:
    """Write the post: its address, or None and the page's status when refused (the reason
    is shown on the form)."""
    try:
        post = direct_write(
            sender=request.user,
            others=others,
            body=form.cleaned_data["body"],
            title=form.cleaned_data.get("title", ""),
        )
    except ServiceRefusal as refusal:
        refusal_show(refusal, form=form)
        return None, 429 if isinstance(refusal, TooManyRequests) else 200
    messages.success(request, "Your message is sent.")
    return post_in_thread_url(thread_id=post.thread_id, post_id=post.pk), 200


@taking_part
@require_http_methods(["GET", "POST"])
def direct_new(request: MemberRequest) -> HttpResponse:
    people = people_to_choose(viewer=request.user)
    chosen = [to for to in request.GET.getlist("to") if to.isdigit()]
    form = DirectNewForm(
        request.POST if request.method == "POST" else None,
        people=people,
        initial={"people": chosen},
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        where, status = _written(request, form, list(form.cleaned_data["people"]))
        if where:
            return redirect(where)
    return render(request, "conversations/direct_new.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@contactable
def contact_member(request: MemberRequest, user_id: int) -> HttpResponse:
    """Write to one member: in the conversation of the two of them, or a new one."""
    profile = contacted(user_id)
    form = ContactForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        where, status = _written(request, form, [profile.user])
        if where:
            return redirect(where)
    return render(
        request, "conversations/contact.html", {"form": form, "profile": profile}, status=status
    )


@taking_part
@require_http_methods(["GET", "POST"])
def direct_add(request: MemberRequest, pk: int) -> HttpResponse:
    """Add someone to a conversation: they will read it all, which the page says."""
    thread = direct_thread_for(pk=pk, viewer=request.user)
    if thread is None:
        raise Http404
    inside = [p.person_id for p in thread.participants.all()]
    form = DirectAddForm(
        request.POST if request.method == "POST" else None,
        people=people_to_choose(viewer=request.user).exclude(pk__in=inside),
    )
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        try:
            direct_person_add(actor=request.user, thread=thread, person=person)
        except ServiceRefusal as refusal:
            refusal_show(refusal, form=form)
        else:
            messages.success(request, f"{person.display_name} is in the conversation now.")
            return redirect(thread_url(thread.pk))
    return render(
        request,
        "conversations/direct_add.html",
        {
            "form": form,
            "thread": thread,
            "others": others_named(thread, request.user),
            "thread_link": thread_url(thread.pk),
        },
    )


@taking_part
def legacy_inbox(request: MemberRequest) -> HttpResponse:
    """The old list of messages is the list of direct conversations now."""
    return redirect("conversations:direct_list", permanent=True)


@taking_part
def legacy_message(request: MemberRequest, pk: int) -> HttpResponse:
    """An old link to a message (in e-mails): the post made from it, in its conversation,
    when the viewer may read it."""
    post = post_from_message(message_id=pk, viewer=request.user)
    if post is None:
        raise Http404
    return redirect(post_in_thread_url(thread_id=post.thread_id, post_id=post.pk))


@taking_part
def legacy_report(request: MemberRequest, pk: int) -> HttpResponse:
    """An old link to report a message: reporting the post made from it, when the viewer
    may report that post."""
    post = post_from_message(message_id=pk, viewer=request.user)
    if post is None or post_to_report(pk=post.pk, viewer=request.user) is None:
        raise Http404
    return redirect("conversations:post_report", pk=post.pk)
