"""What organizers set for membership: settings and the lists."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from dm3p.accounts.requests import MemberRequest
from dm3p.core.access import staff_page
from dm3p.core.refusals import ServiceRefusal, refusal_show
from dm3p.core.selectors import email_wordings_all
from dm3p.members.emails import APPLICATION
from dm3p.members.forms import CommunitySettingsForm, TermForm
from dm3p.members.models import Term
from dm3p.members.selectors import (
    community_settings_get,
    terms_all,
    terms_grouped,
)
from dm3p.members.services import (
    community_settings_update,
    term_save,
)


@staff_page("members.change_communitysettings")
@require_http_methods(["GET", "POST"])
def community_settings(request: MemberRequest) -> HttpResponse:
    form = CommunitySettingsForm(
        request.POST if request.method == "POST" else None, instance=community_settings_get()
    )
    if request.method == "POST" and form.is_valid():
        try:
            community_settings_update(actor=request.user, answers=form.answers())
        except ServiceRefusal as refusal:
            refusal_show(refusal, form=form)
        else:
            messages.success(request, "Membership settings saved.")
            return redirect("members:community_settings")
    templates = [wording for wording in email_wordings_all() if wording.email.kind == APPLICATION]
    return render(
        request, "members/community_settings.html", {"form": form, "templates": templates}
    )


@staff_page("core.change_emailwording")
def email_template_edit(request: MemberRequest, key: str) -> HttpResponse:
    """The old address of a membership e-mail's editing page: every e-mail is edited on
    Staff → E-mails now."""
    return redirect("core:email_wording", key=key)


@staff_page("members.change_term")
def terms(request: MemberRequest) -> HttpResponse:
    return render(request, "members/terms.html", {"grouped": terms_grouped()})


@staff_page("members.change_term")
@require_http_methods(["GET", "POST"])
def term_edit(request: MemberRequest, pk: int | None = None) -> HttpResponse:
    term = get_object_or_404(terms_all(), pk=pk) if pk else Term()
    form = TermForm(request.POST if request.method == "POST" else None, instance=term)
    if request.method == "POST" and form.is_valid():
        try:
            saved = term_save(actor=request.user, term_id=pk, answers=form.answers())
        except ServiceRefusal as refusal:
            refusal_show(refusal, form=form)
        else:
            messages.success(request, f"“{saved.label}” saved.")
            return redirect("members:terms")
    return render(request, "members/term_edit.html", {"form": form, "term": term})
