"""Applying to join: the application form, its e-mailed link, and its status."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from dm3p.core.clients import client_address
from dm3p.core.refusals import TooManyRequests
from dm3p.members.enums import ApplicationStatus
from dm3p.members.forms import (
    ApplicationForm,
    ResumeLinkForm,
)
from dm3p.members.models import Application
from dm3p.members.selectors import (
    application_of,
)
from dm3p.members.services import (
    TOO_MANY_TRIES,
    application_attempt_allowed,
    application_link_request,
    application_save_draft,
    application_send_resume_link,
    application_start,
    application_submit,
    resume_token_lookup,
    status_token_lookup,
)

SESSION_APPLICATION = "dm3p_application"


def _own_application(request: HttpRequest) -> Application | None:
    """The application this browser may work on: the signed-in person's, or the one opened
    from its e-mailed link."""
    if request.user.is_authenticated:
        return application_of(user_id=request.user.pk)
    return application_of(user_id=request.session.get(SESSION_APPLICATION))


def _too_many(
    request: HttpRequest, template: str, context: dict[str, Any], message: str
) -> HttpResponse:
    """The calm answer to a rate-limited form: the form again, as typed, with the reason."""
    context["form"].add_error(None, message)
    return render(request, template, context, status=429)


@login_not_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    application = _own_application(request)
    if application is not None and not application.state.editable_by_applicant:
        return redirect("members:apply_status")
    if application is None and request.user.is_authenticated:
        return redirect("pages:member_home")
    submitting = "submit" in request.POST
    form = ApplicationForm(
        request.POST if request.method == "POST" else None,
        instance=application or Application(),
        submitting=submitting,
    )
    context = {"form": form, "application": application, "statuses": ApplicationStatus}
    if request.method == "POST" and form.is_valid():
        answers = form.answers()
        starting = application is None
        if not application_attempt_allowed(
            email=form.cleaned_data["email"] if starting else None,
            client=client_address(request),
        ):
            return _too_many(request, "members/apply.html", context, TOO_MANY_TRIES)
        if application is None:
            # The same page for every address: the e-mailed link opens the application.
            application_start(
                email=form.cleaned_data["email"], answers=answers, submitting=submitting
            )
            # Which button was pressed, never whether the address is known.
            return render(request, "members/apply_link_sent.html", {"sent": submitting})
        if submitting:
            application_submit(application=application, answers=answers)
            return redirect("members:apply_status")
        application_save_draft(application=application, answers=answers)
        if "send_link" in request.POST:
            application_send_resume_link(application=application)
            return render(request, "members/apply_link_sent.html")
        messages.success(request, "Your answers are saved. You can come back to them.")
        return redirect("members:apply")
    return render(request, "members/apply.html", context)


@login_not_required
def apply_resume(request: HttpRequest, token: str) -> HttpResponse:
    application = resume_token_lookup(token)
    if application is None:
        return render(
            request, "members/apply_link_expired.html", {"form": ResumeLinkForm()}, status=404
        )
    request.session.cycle_key()
    request.session[SESSION_APPLICATION] = application.user_id
    return redirect("members:apply")


@login_not_required
@require_http_methods(["GET", "POST"])
def apply_link(request: HttpRequest) -> HttpResponse:
    """Ask for a new link to an unfinished application (same answer for every address)."""
    form = ResumeLinkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            application_link_request(email=email, client=client_address(request))
        except TooManyRequests as refusal:
            return _too_many(request, "members/apply_link.html", {"form": form}, refusal.message)
        return render(request, "members/apply_link_sent.html")
    return render(request, "members/apply_link.html", {"form": form})


@login_not_required
def apply_status(request: HttpRequest) -> HttpResponse:
    application = _own_application(request)
    if application is None:
        raise Http404
    return render(
        request,
        "members/apply_status.html",
        {"application": application, "statuses": ApplicationStatus, "in_session": True},
    )


@never_cache
@login_not_required
def apply_status_link(request: HttpRequest, token: str) -> HttpResponse:
    """The status page, from the signed link in the "application received" e-mail: it works
    in any browser, and only shows (changes nothing, signs nobody in)."""
    application = status_token_lookup(token)
    if application is None:
        return render(request, "members/apply_status_expired.html", status=404)
    in_session = application == _own_application(request)
    return render(
        request,
        "members/apply_status.html",
        {"application": application, "statuses": ApplicationStatus, "in_session": in_session},
    )
