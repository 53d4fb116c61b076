"""Organizers reviewing applications."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods

from dm3p.accounts.requests import MemberRequest
from dm3p.core.access import staff_page
from dm3p.core.refusals import refusal_show
from dm3p.members.enums import ApplicationStatus, Decision
from dm3p.members.forms import (
    BulkDecisionForm,
    DecisionForm,
)
from dm3p.members.selectors import (
    application_counts,
    applications_for_review,
)
from dm3p.members.services import (
    ApplicationAlreadyDecided,
    application_decide,
    application_sensitive_viewed,
    applications_decide_bulk,
)


@staff_page("members.review_application")
@require_http_methods(["GET", "POST"])
def review_queue(request: MemberRequest) -> HttpResponse:
    chosen = request.GET.get("status")
    status = (
        ApplicationStatus(chosen)
        if chosen in ApplicationStatus.values
        else ApplicationStatus.SUBMITTED
    )
    form = BulkDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        outcome = applications_decide_bulk(
            applications=form.cleaned_data["applications"],
            decision=Decision(form.cleaned_data["decision"]),
            message="",
            actor=request.user,
        )
        outcome.show(
            request,
            done_text="Decision recorded for one application."
            if outcome.done == 1
            else "Decision recorded for {count} applications.",
        )
        return redirect(f"{request.path}?status={status}")
    page = Paginator(applications_for_review(status=status), 50).get_page(request.GET.get("page"))
    counts = application_counts()
    tabs = [(value, label, counts.get(value, 0)) for value, label in ApplicationStatus.choices[1:]]
    return render(
        request,
        "members/review_queue.html",
        {"page": page, "form": form, "status": status, "tabs": tabs},
    )


@staff_page("members.review_application")
@require_http_methods(["GET", "POST"])
def review_application(request: MemberRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(applications_for_review(), pk=pk)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            application_decide(
                application=application,
                decision=Decision(form.cleaned_data["decision"]),
                message=form.cleaned_data["message"].strip(),
                actor=request.user,
            )
        except ApplicationAlreadyDecided as refusal:
            refusal_show(refusal, request=request)
        else:
            messages.success(request, "Your decision is recorded and the applicant is told.")
        return redirect("members:review_queue")
    # Health details stay folded until the organizer asks to read them; that is recorded.
    health_shown = bool(application.health_details) and request.GET.get("show") == "health"
    if health_shown:
        application_sensitive_viewed(application=application, actor=request.user)
    response = render(
        request,
        "members/review_application.html",
        {"application": application, "form": form, "health_shown": health_shown},
    )
    if health_shown:
        patch_cache_control(response, no_store=True)
    return response
