from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from dm3p.accounts.forms import EmailPreferencesForm
from dm3p.accounts.requests import MemberRequest
from dm3p.core.selectors import email_kinds_with_choice
from dm3p.core.services import email_preferences_save


def overview(request: MemberRequest) -> HttpResponse:
    return render(request, "accounts/overview.html", {"mfa_enabled": is_mfa_enabled(request.user)})


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
