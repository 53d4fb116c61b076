"""Choosing how often conversations e-mail you, and the one-click unsubscribe link each
of those e-mails carries (RFC 8058: its POST works with no cookies and no sign-in)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from dm3p.accounts.requests import MemberRequest
from dm3p.conversations.forms.mail_out import EmailChoiceForm
from dm3p.conversations.selectors.access import takes_part
from dm3p.conversations.selectors.mail_out import rhythm_of
from dm3p.conversations.services.mail_out import (
    AT_ONCE,
    email_choice_save,
    unsubscribe,
    unsubscribe_read,
    unsubscribed,
)


@require_http_methods(["GET", "POST"])
def email_choice(request: MemberRequest) -> HttpResponse:
    if not takes_part(request.user):
        raise Http404
    form = EmailChoiceForm(
        request.POST if request.method == "POST" else None,
        initial={"rhythm": rhythm_of(request.user)},
    )
    if request.method == "POST" and form.is_valid():
        email_choice_save(person=request.user, rhythm=form.answer(), actor=request.user)
        messages.success(request, "Your choice is saved.")
        return redirect("conversations:email_choice")
    return render(request, "conversations/mail_out_choice.html", {"form": form})


@login_not_required
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_link(request: HttpRequest, token: str) -> HttpResponse:
    """Opening the link changes nothing (mail scanners open links); the button, or a mail
    program's one-click POST, stops the e-mails."""
    found = unsubscribe_read(token)
    if found is None:
        return render(request, "conversations/mail_out_unsubscribe_broken.html", status=404)
    person, kind = found
    what = "e-mails at once" if kind == AT_ONCE else "digests"
    if request.method == "POST":
        unsubscribe(person=person, kind=kind)
        return render(request, "conversations/mail_out_unsubscribed.html", {"what": what})
    return render(
        request,
        "conversations/mail_out_unsubscribe.html",
        {"what": what, "already": unsubscribed(person=person, kind=kind)},
    )
