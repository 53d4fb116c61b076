from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from dm3p.accounts.forms import EmailPreferencesForm, WelcomePasswordForm
from dm3p.accounts.requests import MemberRequest
from dm3p.accounts.rules import is_member
from dm3p.accounts.selectors import welcome_steps_for
from dm3p.accounts.services import (
    WelcomeLinkState,
    welcome_account_set_up,
    welcome_token_check,
)
from dm3p.core.access import mfa_is_set_up
from dm3p.core.selectors import email_kinds_with_choice
from dm3p.core.services import email_preferences_save


def overview(request: MemberRequest) -> HttpResponse:
    return render(
        request,
        "accounts/overview.html",
        {"mfa_enabled": is_mfa_enabled(request.user), "welcome_shown": is_member(request.user)},
    )


@require_http_methods(["GET", "POST"])
def email_preferences(request: MemberRequest) -> HttpResponse:
    """The kinds of e-mail this person can receive, each to turn on or off (security ones
    shown as always sent). Kinds they can't receive (an organizers' alert, for a member)
    aren't shown, and a choice made about one earlier is kept."""
    kinds = email_kinds_with_choice(user=request.user)
    theirs = [(kind, receives) for kind, receives in kinds if kind.receivable_by(request.user)]
    off_elsewhere = [
        kind.key
        for kind, receives in kinds
        if not receives and not kind.receivable_by(request.user)
    ]
    form = EmailPreferencesForm(request.POST if request.method == "POST" else None, kinds=theirs)
    if request.method == "POST" and form.is_valid():
        email_preferences_save(user=request.user, turned_off=[*form.turned_off(), *off_elsewhere])
        messages.success(request, "Your e-mail choices are saved.")
        return redirect("accounts:email_preferences")
    return render(request, "accounts/email_preferences.html", {"form": form})


# The welcome: from the approval e-mail's link to the welcome checklist, in one step.


@login_not_required
@require_http_methods(["GET", "POST"])
def welcome_start(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the approval e-mail. Opening it changes nothing; choosing a password
    (one button) confirms the address, sets the password, signs the person in and shows the
    welcome checklist."""
    state, person = welcome_token_check(token)
    if state != WelcomeLinkState.VALID or person is None:
        return render(
            request,
            "accounts/welcome_link_used.html",
            {"used": state == WelcomeLinkState.USED},
            status=410 if state == WelcomeLinkState.USED else 404,
        )
    form = WelcomePasswordForm(request.POST if request.method == "POST" else None, user=person)
    if request.method == "POST" and form.is_valid():
        welcome_account_set_up(user=person, password=form.cleaned_data["password1"])
        if mfa_is_set_up(person):
            # Two-factor authentication is never skipped: sign in with it as usual.
            messages.success(request, "Your password is saved. Sign in to carry on.")
            return redirect("account_login")
        login(request, person, backend="dm3p.accounts.backends.EmailBackend")
        return redirect("accounts:welcome")
    return render(request, "accounts/welcome_start.html", {"form": form, "person": person})


def welcome(request: MemberRequest) -> HttpResponse:
    """The welcome checklist: what a new member might do first, each step from its app."""
    if not is_member(request.user):
        raise Http404
    return render(
        request,
        "accounts/welcome.html",
        {"steps": welcome_steps_for(request.user)},
    )
