"""Members' profiles: their own, other members', and what visitors may see."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from dm3p.accounts.requests import MemberRequest
from dm3p.core.access import page_permission
from dm3p.members.audiences import (
    PUBLIC,
    audience_get,
    audiences,
    audiences_seen_as,
)
from dm3p.members.forms import (
    PROFILE_FORM_SECTIONS,
    PROFILE_FORM_SECTIONS_BY_KEY,
    ProfileForm,
)
from dm3p.members.hooks import MEMBER_PROFILE_PANELS
from dm3p.members.profile_fields import FIELDS_BY_NAME
from dm3p.members.sections import profile_sections
from dm3p.members.selectors import (
    field_audience,
    profile_fields_for_audiences,
    profile_fields_visible_to,
    profile_of_member,
    profile_own,
    profile_photo_visible_to,
    sensitive_views_of,
)
from dm3p.members.services import (
    profile_ensure,
    profile_health_consent_withdraw,
    profile_sensitive_viewed,
    profile_update,
)

members_page = page_permission("members.view_directory")


@members_page
def own_profile(request: MemberRequest) -> HttpResponse:
    profile = profile_own(user=request.user) or profile_ensure(user=request.user)
    looked = sensitive_views_of(user=request.user)
    sections = [(section, section.data(profile)) for section in profile_sections()]
    return render(
        request,
        "members/own_profile.html",
        {
            "profile": profile,
            "fields": profile_fields_visible_to(profile=profile, viewer=request.user),
            "looked": looked,
            "sections": sections,
        },
    )


@require_GET
@members_page
def edit_profile(request: MemberRequest) -> HttpResponse:
    """The parts of the profile, each with who can see each of its fields, and a link to
    change it on its own page (later apps' parts too)."""
    profile = profile_own(user=request.user) or profile_ensure(user=request.user)
    contents = [
        (
            section,
            [
                (FIELDS_BY_NAME[name].label, field_audience(profile, name))
                for name in section.fields
                if name in FIELDS_BY_NAME
            ],
        )
        for section in PROFILE_FORM_SECTIONS
    ]
    later = [section for section in profile_sections() if section.edit_url_name]
    return render(
        request,
        "members/edit_profile.html",
        {"profile": profile, "contents": contents, "later": later},
    )


@require_http_methods(["GET", "POST"])
@members_page
def edit_profile_section(request: MemberRequest, section: str) -> HttpResponse:
    """One part of the profile, saved on its own: the others stay as they are."""
    chosen = PROFILE_FORM_SECTIONS_BY_KEY.get(section)
    if chosen is None:
        raise Http404
    profile = profile_own(user=request.user) or profile_ensure(user=request.user)
    form = ProfileForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=profile,
        section=chosen,
    )
    if request.method == "POST" and form.is_valid():
        profile_update(profile=profile, answers=form.answers())
        messages.success(request, f"Saved: {chosen.title.lower()}.")
        return redirect("members:edit_profile")
    return render(
        request,
        "members/edit_profile_section.html",
        {"form": form, "section": chosen, "sections": PROFILE_FORM_SECTIONS},
    )


@require_http_methods(["GET", "POST"])
@members_page
def withdraw_health_consent(request: MemberRequest) -> HttpResponse:
    profile = profile_own(user=request.user) or profile_ensure(user=request.user)
    if request.method == "POST":
        profile_health_consent_withdraw(profile=profile)
        messages.success(request, "Consent withdrawn. What you wrote about your health is deleted.")
        return redirect("members:own_profile")
    return render(request, "members/withdraw_consent.html", {"profile": profile})


@members_page
def preview_profile(request: MemberRequest) -> HttpResponse:
    profile = profile_own(user=request.user) or profile_ensure(user=request.user)
    choices = [audience for audience in audiences() if audience.level > 0]
    chosen = audience_get(request.GET.get("as", "members"))
    if chosen.level == 0:
        chosen = choices[-2] if len(choices) > 1 else choices[0]
    return render(
        request,
        "members/preview_profile.html",
        {
            "profile": profile,
            "fields": profile_fields_for_audiences(
                profile=profile, seen=audiences_seen_as(chosen.key)
            ),
            "choices": choices,
            "chosen": chosen,
        },
    )


@members_page
def member_profile(request: MemberRequest, user_id: int) -> HttpResponse:
    profile = profile_of_member(user_id=user_id)
    if profile is None:
        raise Http404
    fields = profile_fields_visible_to(profile=profile, viewer=request.user)
    profile_sensitive_viewed(actor=request.user, seen=[(profile, [field.name for field in fields])])
    panels = [shown for panel in MEMBER_PROFILE_PANELS if (shown := panel(profile, request.user))]
    return render(
        request,
        "members/member_profile.html",
        {"profile": profile, "fields": fields, "panels": panels},
    )


@login_not_required
def public_profile(request: HttpRequest, user_id: int) -> HttpResponse:
    """What a member chose to show to anyone; 404 when they chose nothing."""
    profile = profile_of_member(user_id=user_id)
    fields = (
        profile_fields_for_audiences(profile=profile, seen=audiences_seen_as(PUBLIC))
        if profile
        else []
    )
    if profile is None or not fields:
        raise Http404
    return render(request, "members/public_profile.html", {"profile": profile, "fields": fields})


@login_not_required
def photo(request: HttpRequest, user_id: int) -> FileResponse:
    profile = profile_photo_visible_to(user_id=user_id, viewer=request.user)
    if profile is None:
        raise Http404
    return FileResponse(profile.photo.open("rb"))
