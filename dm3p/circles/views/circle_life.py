"""A circle's own pages, for its people: the circle (with its notes), the check-in, its name
and its next meeting."""

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from dm3p.accounts.requests import MemberRequest
from dm3p.circles.forms.circle_life import CheckInForm, CircleNameForm, MeetingForm, NoteForm
from dm3p.circles.hooks import circle_panels_for
from dm3p.circles.models import Circle, CircleNote
from dm3p.circles.selectors.circle_page import circle_page
from dm3p.circles.selectors.circles import membership_in
from dm3p.circles.services.circle_life import (
    check_in_save,
    circle_meeting_set,
    circle_rename,
    circle_seen,
    note_add,
    note_remove,
)
from dm3p.core.access import page_permission
from dm3p.core.fields import id_or_404
from dm3p.core.refusals import ServiceRefusal, refusal_show
from dm3p.members.selectors.profiles import zone_of
from dm3p.members.services import profile_sensitive_viewed


def _circle(pk: int) -> Circle | None:
    """The circle a page is about, for its rule (circles.see_circle) to decide on."""
    return Circle.objects.filter(pk=pk).select_related("round").first()


@page_permission("circles.see_circle", target=_circle)
@require_http_methods(["GET", "POST"])
def circle(request: MemberRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(
        Circle.objects.select_related("round", "next_meeting_set_by__profile"), pk=pk
    )
    action = request.POST.get("action")
    form = NoteForm(request.POST if action == "add-note" else None)
    if action == "remove-note":
        note = get_object_or_404(CircleNote, pk=id_or_404(request.POST.get("note")), circle=found)
        try:
            note_remove(author=request.user, note=note)
        except ServiceRefusal as refusal:
            refusal_show(refusal, request=request)
        else:
            messages.success(request, "Note removed.")
        return redirect("circles:circle", pk=pk)
    if action == "add-note" and form.is_valid():
        try:
            note_add(author=request.user, circle=found, text=form.cleaned_data["text"])
        except ServiceRefusal as refusal:
            refusal_show(refusal, request=request)
        else:
            messages.success(request, "Note added.")
        return redirect("circles:circle", pk=pk)
    page = circle_page(circle=found, viewer=request.user, day=timezone.localdate())
    circle_seen(membership=page.membership)
    profile_sensitive_viewed(actor=request.user, seen=page.fields_seen)
    context = {"page": page, "form": form, "round": found.round}
    context["panels"] = circle_panels_for(found, request.user)
    return render(request, "circles/circle.html", context)


@page_permission("circles.see_circle", target=_circle)
@require_http_methods(["GET", "POST"])
def check_in(request: MemberRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Circle.objects.select_related("round"), pk=pk)
    membership = membership_in(circle=found, member=request.user)
    if membership is None:
        raise Http404
    form = CheckInForm(
        request.POST if request.method == "POST" else None,
        initial={"pause": membership.paused, "wants_different": membership.wants_different},
    )
    if not found.round.running_on(timezone.localdate()):
        messages.info(request, f"{found.round.name} has ended, so there's nothing to check in.")
        return redirect("circles:circle", pk=pk)
    if request.method == "POST" and form.is_valid():
        try:
            check_in_save(membership=membership, answers=form.answers())
        except ServiceRefusal as refusal:
            refusal_show(refusal, form=form)
        else:
            messages.success(request, "Thank you for checking in.")
            return redirect("circles:circle", pk=pk)
    return render(request, "circles/check_in.html", {"circle": found, "form": form})


@page_permission("circles.see_circle", target=_circle)
@require_http_methods(["GET", "POST"])
def rename(request: MemberRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Circle.objects.select_related("round"), pk=pk)
    form = CircleNameForm(
        request.POST if request.method == "POST" else None, initial={"name": found.name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            circle_rename(actor=request.user, circle=found, name=form.cleaned_data["name"])
        except ServiceRefusal as refusal:
            refusal_show(refusal, form=form)
        else:
            messages.success(request, "Your circle's name is changed.")
            return redirect("circles:circle", pk=pk)
    return render(request, "circles/rename.html", {"circle": found, "form": form})


@page_permission("circles.see_circle", target=_circle)
@require_http_methods(["GET", "POST"])
def meeting(request: MemberRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Circle.objects.select_related("round"), pk=pk)
    zone = zone_of(request.user)
    initial: dict[str, object] = {"link": found.next_meeting_link}
    if found.next_meeting_at is not None:
        initial["starts_local"] = found.next_meeting_at.astimezone(ZoneInfo(zone)).replace(
            tzinfo=None
        )
    form = MeetingForm(
        request.POST if request.method == "POST" else None, zone=zone, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            circle_meeting_set(actor=request.user, circle=found, answers=form.answers())
        except ServiceRefusal as refusal:
            refusal_show(refusal, form=form)
        else:
            messages.success(request, "The next meeting is saved: your circle sees it now.")
            return redirect("circles:circle", pk=pk)
    return render(request, "circles/meeting.html", {"circle": found, "form": form})
