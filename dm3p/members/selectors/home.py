"""A person's home (core's ``HOME_PANELS``): an applicant's application and what happens
next; for a member, the next step their profile needs. One query each."""

from typing import Any

from django.http import HttpRequest

from dm3p.accounts.rules import is_member
from dm3p.core.hooks import Panel
from dm3p.members.models import Application, Profile


def application_panel(request: HttpRequest) -> Panel | None:
    """Someone signed in who is not a member (yet): their application and what is next."""
    viewer: Any = request.user
    if is_member(viewer):
        return None
    application = Application.objects.filter(user=viewer).first()
    return Panel("members/panel_application.html", {"application": application})


def profile_step_panel(request: HttpRequest) -> Panel | None:
    """A member whose profile lacks what others look for first: a few words about them,
    and the times they are free (circles are matched on them)."""
    viewer: Any = request.user
    if not is_member(viewer):
        return None
    profile = Profile.objects.filter(user=viewer).only("bio", "availability", "user").first()
    missing = []
    if profile is None or not profile.bio.strip():
        missing.append("a few words about yourself")
    if profile is None or not profile.availability:
        missing.append("the times you are usually free")
    if not missing:
        return None
    return Panel("members/panel_profile_step.html", {"missing": missing})
