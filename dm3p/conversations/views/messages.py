from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from dm3p.accounts.models import User
from dm3p.accounts.requests import MemberRequest
from dm3p.accounts.rules import is_member
from dm3p.circles.selectors.rounds import zone_of
from dm3p.conversations.enums import ReportOutcome
from dm3p.conversations.forms.messages import (
    MessageForm,
    ReplyForm,
    ReportCloseForm,
    ReportForm,
    ReportNoteForm,
)
from dm3p.conversations.models import Message
from dm3p.conversations.selectors.messages import (
    block_exists,
    conversations_of,
    message_for,
    message_received_by,
    reply_address_for,
    report_for_review,
    reports_for_review,
    thread_of,
)
from dm3p.conversations.services.messages import (
    ReportRefused,
    block_set,
    conversation_read,
    message_reply,
    message_send,
    report_acknowledge,
    report_close,
    report_create,
    report_note_add,
    report_viewed,
)
from dm3p.core.access import page_permission, staff_page
from dm3p.core.clients import client_address
from dm3p.core.refusals import ServiceRefusal, TooManyRequests, refusal_show
from dm3p.core.times import moment_text, zone_label
from dm3p.members.models import Profile
from dm3p.members.selectors import profile_of_member

contactable = page_permission(
    "conversations.contact_member",
    target=lambda user_id: profile_of_member(user_id=user_id),
)
readable = page_permission(
    "conversations.read_message", target=lambda pk: Message.objects.filter(pk=pk).first()
)
reportable = page_permission(
    "conversations.report_message", target=lambda pk: Message.objects.filter(pk=pk).first()
)


def _contacted(user_id: int) -> Profile:
    profile = profile_of_member(user_id=user_id)
    if profile is None:  # no longer a member since the guard looked
        raise Http404
    return profile


@require_http_methods(["GET", "POST"])
@contactable
def contact_member(request: MemberRequest, user_id: int) -> HttpResponse:
    profile = _contacted(user_id)
    form = MessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            message_send(
                sender=request.user,
                recipient=profile.user,
                body=form.cleaned_data["body"],
                reveal_email=form.cleaned_data["reveal_email"],
            )
        except TooManyRequests as refusal:
            refusal_show(refusal, form=form)
            return render(
                request,
                "conversations/contact.html",
                {"form": form, "profile": profile},
                status=429,
            )
        messages.success(request, f"Your message to {profile.display_name} is sent.")
        return redirect("members:member_profile", user_id=user_id)
    return render(request, "conversations/contact.html", {"form": form, "profile": profile})


@require_http_methods(["POST"])
@contactable
def block_member(request: MemberRequest, user_id: int) -> HttpResponse:
    profile = _contacted(user_id)
    blocking = request.POST.get("block") == "1"
    block_set(blocker=request.user, blocked=profile.user, blocking=blocking)
    messages.success(
        request,
        f"{profile.display_name} can no longer message you. They are not told."
        if blocking
        else f"{profile.display_name} can message you again.",
    )
    return redirect("members:member_profile", user_id=user_id)


@require_http_methods(["GET", "POST"])
@contactable
def report_member(request: MemberRequest, user_id: int) -> HttpResponse:
    profile = _contacted(user_id)
    return _report(request, about=profile.user, message=None, subject=profile.display_name)


@require_http_methods(["GET", "POST"])
@reportable
def report_message(request: MemberRequest, pk: int) -> HttpResponse:
    message = message_received_by(pk=pk, user=request.user)
    if message is None:
        raise Http404
    return _report(request, about=message.sender, message=message, subject="this message")


def _report(
    request: MemberRequest, *, about: User | None, message: Message | None, subject: str
) -> HttpResponse:
    form = ReportForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "subject": subject}
    if request.method == "POST" and form.is_valid():
        try:
            report_create(
                reporter=request.user,
                client=client_address(request),
                about=about,
                message=message,
                reason=form.cleaned_data["reason"],
            )
        except TooManyRequests as refusal:
            refusal_show(refusal, form=form)
            return render(request, "conversations/report.html", context, status=429)
        messages.success(
            request, "Thank you. Your report is with the organizers, who will write to you."
        )
        return redirect("members:directory" if message is None else "conversations:inbox")
    return render(request, "conversations/report.html", context)


@page_permission("conversations.view_inbox")
def inbox(request: MemberRequest) -> HttpResponse:
    zone = zone_of(request.user)
    return render(
        request,
        "conversations/inbox.html",
        {
            "conversations": [
                (line, moment_text(line.latest_at, zone))
                for line in conversations_of(user=request.user)
            ],
        },
    )


@readable
@require_http_methods(["GET", "POST"])
def message_detail(request: MemberRequest, pk: int) -> HttpResponse:
    """A message in its conversation, oldest first, with a box to reply under it."""
    message = message_for(pk=pk, user=request.user)
    if message is None:
        raise Http404
    mine = message.sender_id == request.user.pk
    other = message.recipient if mine else message.sender
    other_name = other.display_name if other is not None else "a former member"
    form = ReplyForm(request.POST if request.method == "POST" else None, other_name=other_name)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            reply = message_reply(
                sender=request.user, message=message, body=form.cleaned_data["body"]
            )
        except ServiceRefusal as refusal:
            refusal_show(refusal, form=form)
            status = 429 if isinstance(refusal, TooManyRequests) else 200
        else:
            messages.success(request, f"Your reply to {other_name} is sent.")
            return redirect(
                f"{reverse('conversations:message', args=[reply.pk])}#message-{reply.pk}"
            )
    zone = zone_of(request.user)
    thread = thread_of(message=message, viewer=request.user)
    if request.method == "GET":
        # The recipient reading their own conversation; the page still shows what was new.
        conversation_read(conversation_id=message.conversation_id, reader=request.user)
    new = [post for post in thread if post.recipient_id == request.user.pk and post.is_new]
    return render(
        request,
        "conversations/message.html",
        {
            "message": message,
            "other": other,
            "other_name": other_name,
            "posts": [(post, moment_text(post.created_at, zone)) for post in thread],
            "new": new,
            "zone_name": zone_label(zone),
            "form": form,
            "may_reply": other is not None and is_member(other),
            "blocked": other is not None and block_exists(blocker=request.user, blocked=other),
            "reply_address": reply_address_for(message=message, viewer=request.user),
        },
        status=status,
    )


@staff_page("conversations.review_report")
def report_queue(request: MemberRequest) -> HttpResponse:
    show_closed = request.GET.get("closed") == "1"
    reports = reports_for_review(viewer=request.user, open_only=not show_closed)
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    return render(
        request, "conversations/report_queue.html", {"page": page, "show_closed": show_closed}
    )


@staff_page("conversations.review_report")
@require_http_methods(["GET", "POST"])
def report_detail(request: MemberRequest, pk: int) -> HttpResponse:
    report = report_for_review(pk=pk, viewer=request.user)
    if report is None:
        raise Http404
    action = request.POST.get("action")
    note_form = ReportNoteForm(request.POST if action == "note" else None)
    close_form = ReportCloseForm(request.POST if action == "close" else None)
    if action == "acknowledge":
        try:
            report_acknowledge(report=report, actor=request.user)
        except ReportRefused as refusal:
            refusal_show(refusal, request=request)
        else:
            messages.success(request, "Marked as being reviewed; the reporter is told.")
        return redirect("conversations:report_detail", pk=pk)
    if action == "note" and note_form.is_valid():
        report_note_add(report=report, actor=request.user, text=note_form.cleaned_data["text"])
        return redirect("conversations:report_detail", pk=pk)
    if action == "close" and close_form.is_valid():
        try:
            report_close(
                report=report,
                actor=request.user,
                outcome=ReportOutcome(close_form.cleaned_data["outcome"]),
                message=close_form.cleaned_data["message"],
            )
        except ServiceRefusal as refusal:
            refusal_show(refusal, form=close_form)
        else:
            messages.success(request, "Report closed; the reporter is told the outcome.")
            return redirect("conversations:report_queue")
    if request.method == "GET":
        report_viewed(report=report, actor=request.user)
    return render(
        request,
        "conversations/report_detail.html",
        {
            "report": report,
            "note_form": note_form,
            "close_form": close_form,
            "may_close": request.user.has_perm("conversations.close_report", report),
        },
    )
