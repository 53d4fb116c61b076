"""Blocking and reporting members and posts, and the organizers' report pages."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from dm3p.accounts.models import User
from dm3p.accounts.requests import MemberRequest
from dm3p.conversations.enums import ReportOutcome
from dm3p.conversations.forms.messages import ReportCloseForm, ReportForm, ReportNoteForm
from dm3p.conversations.models import Post
from dm3p.conversations.selectors.messages import report_for_review, reports_for_review
from dm3p.conversations.services.messages import (
    ReportRefused,
    block_set,
    report_acknowledge,
    report_close,
    report_create,
    report_note_add,
    report_viewed,
)
from dm3p.core.access import page_permission, staff_page
from dm3p.core.clients import client_address
from dm3p.core.refusals import ServiceRefusal, TooManyRequests, refusal_show
from dm3p.members.models import Profile
from dm3p.members.selectors import profile_of_member

contactable = page_permission(
    "conversations.contact_member",
    target=lambda user_id: profile_of_member(user_id=user_id),
)


def contacted(user_id: int) -> Profile:
    profile = profile_of_member(user_id=user_id)
    if profile is None:  # no longer a member since the guard looked
        raise Http404
    return profile


@require_http_methods(["POST"])
@contactable
def block_member(request: MemberRequest, user_id: int) -> HttpResponse:
    profile = contacted(user_id)
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
    profile = contacted(user_id)
    return report_page(
        request,
        about=profile.user,
        post=None,
        subject=profile.display_name,
        back=reverse("members:directory"),
    )


def report_page(
    request: MemberRequest, *, about: User | None, post: Post | None, subject: str, back: str
) -> HttpResponse:
    """The report form, about a member or a post; after sending, back to ``back``."""
    form = ReportForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "subject": subject}
    if request.method == "POST" and form.is_valid():
        try:
            report_create(
                reporter=request.user,
                client=client_address(request),
                about=about,
                post=post,
                reason=form.cleaned_data["reason"],
            )
        except TooManyRequests as refusal:
            refusal_show(refusal, form=form)
            return render(request, "conversations/report.html", context, status=429)
        messages.success(
            request, "Thank you. Your report is with the organizers, who will write to you."
        )
        return redirect(back)
    return render(request, "conversations/report.html", context)


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
