"""What organizers set for membership: settings, e-mail wordings, the lists."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from dm3p.accounts.requests import MemberRequest
from dm3p.core.access import staff_page
from dm3p.core.refusals import ServiceRefusal, refusal_show
from dm3p.members.forms import (
    CommunitySettingsForm,
    EmailTemplateForm,
    TermForm,
)
from dm3p.members.messages import DEFAULTS
from dm3p.members.models import Term
from dm3p.members.selectors import (
    community_settings_get,
    email_template_get,
    terms_all,
    terms_grouped,
)
from dm3p.members.services import (
    community_settings_update,
    email_template_update,
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
    templates = [(DEFAULTS[key].label, email_template_get(key=key)) for key in DEFAULTS]
    return render(
        request, "members/community_settings.html", {"form": form, "templates": templates}
    )


@staff_page("members.change_communitysettings")
@require_http_methods(["GET", "POST"])
def email_template_edit(request: MemberRequest, key: str) -> HttpResponse:
    if key not in DEFAULTS:
        raise Http404
    template = email_template_get(key=key)
    form = EmailTemplateForm(
        request.POST if request.method == "POST" else None,
        key=key,
        initial={"subject": template.subject, "body": template.body},
    )
    if request.method == "POST" and form.is_valid():
        email_template_update(
            actor=request.user,
            key=key,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
        )
        messages.success(request, f"“{DEFAULTS[key].label}” e-mail saved.")
        return redirect("members:community_settings")
    return render(
        request, "members/email_template.html", {"form": form, "label": DEFAULTS[key].label}
    )


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
