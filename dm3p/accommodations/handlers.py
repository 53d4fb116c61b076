"""What accommodations adds to earlier apps through their hooks: a panel on each gathering,
a step after answering "going", lines in reminders (events); a section on the profile
(members); staff links and the kinds of support a new site starts with (core); and
re-confirmation when a gathering changes or sending materials when they arrive."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import reverse

from dm3p.accommodations.defaults import types_fill
from dm3p.accommodations.demo import demo_requests
from dm3p.accommodations.models import AccommodationRequest, RequestQuestion, StandingNeed
from dm3p.accommodations.personal_data import (
    questions_exported,
    requests_exported,
    standing_needs_exported,
)
from dm3p.accommodations.selectors import home_panel as access_home_panel
from dm3p.accommodations.selectors import (
    request_counts_for,
    requests_of,
    standing_needs_of,
    support_counts_for,
    types_by_default,
    types_requestable,
)
from dm3p.accommodations.services import materials_send, requests_reconfirm_after_change
from dm3p.accommodations.staff_home import access_requests_panel, support_asked_panel
from dm3p.accounts.hooks import WELCOME_STEPS, WelcomeStep
from dm3p.accounts.models import User
from dm3p.core.hooks import (
    DEFAULTS_STEPS,
    DEMO_STEPS,
    HOME_PANELS,
    NAV_STAFF,
    STAFF_HOME_PANELS,
    DefaultsStep,
    DemoStep,
    NavLink,
    PagePanel,
)
from dm3p.core.links import site_address
from dm3p.events.hooks import (
    ATTENDEES_PANELS,
    EVENT_PANELS,
    LINK_NEXT_STEPS,
    REMINDER_SECTIONS,
    RSVP_NEXT_STEPS,
    event_changed,
    event_materials_added,
)
from dm3p.events.models import Event, EventResource
from dm3p.members.hooks import PERSONAL_DATA, PROFILE_SECTIONS, PersonalData, ProfileSection
from dm3p.members.models import Profile
from dm3p.members.personal_data import erased_with_the_account


def access_panel(event: Event, viewer: User | AnonymousUser) -> tuple[str, dict[str, Any]] | None:
    """What's provided and the viewer's requests; nothing once the gathering has ended."""
    if event.has_ended:
        return None
    mine = list(requests_of(member=viewer, event=event)) if viewer.is_authenticated else []
    return "accommodations/_event_panel.html", {
        "by_default": list(types_by_default()),
        "mine": mine,
        "can_request": viewer.has_perm("events.answer", event)
        and viewer.has_perm("accommodations.request"),
        "counts": request_counts_for(event=event) if viewer.has_perm("events.manage_event") else [],
        "event": event,
    }


def attendees_support(event: Event, viewer: User) -> tuple[str, dict[str, Any]] | None:
    """On the attendees page: each kind of support asked for and how the requests stand, as
    counts only (organizers without the accommodations permission never see who asked)."""
    if not viewer.has_perm("events.manage_event"):
        return None
    return "accommodations/_attendees_panel.html", {
        "counts": support_counts_for(event=event),
        "event": event,
        "can_coordinate": viewer.has_perm("accommodations.coordinate"),
    }


def reminder_lines(event: Event, member: User) -> list[str]:
    return [
        f"Your request for {item.kind.label}: {item.get_status_display().lower()}."
        for item in requests_of(member=member, event=event)
    ]


def standing_needs_rows(profile: Profile) -> dict[str, Any]:
    return {
        "rows": [
            (need.kind.label, need.details or "") for need in standing_needs_of(member=profile.user)
        ],
        "empty": "None saved. Add what you need at every gathering, and it will be offered "
        "each time you say you're coming.",
    }


def _anything_to_ask(event: Event, member: User) -> bool:
    asked = {item.kind_id for item in requests_of(member=member, event=event)}
    return types_requestable().exclude(pk__in=asked).exists()


def confirm_standing_needs(event: Event, member: User) -> str | None:
    """Someone said they're coming: straight on to ask for support, their usual access
    needs ticked (as the accessibility page promises), while there is a kind left to ask."""
    if _anything_to_ask(event, member):
        return reverse("accommodations:for_event", args=[event.pk])
    return None


def access_step_by_link(event: Event, member: User, token: str) -> str | None:
    """The same step, from an e-mailed "I'm coming" link (perhaps signed out)."""
    if _anything_to_ask(event, member):
        return reverse("accommodations:for_event_by_link", args=[token])
    return None


def on_event_changed(sender: Any, event: Event, changed: list[str], **kwargs: Any) -> None:
    requests_reconfirm_after_change(event=event, changed=changed)


def on_materials_added(sender: Any, event: Event, resource: EventResource, **kwargs: Any) -> None:
    path = reverse("events:resource_file", args=[event.pk, resource.pk]) if resource.file else ""
    link = site_address(path) if path else resource.url
    materials_send(event=event, title=resource.title, link=link, resource_id=resource.pk)


def staff_links(request: HttpRequest) -> list[NavLink]:
    links = []
    if request.user.has_perm("accommodations.coordinate"):
        links.append(NavLink("Access requests", reverse("accommodations:queue"), order=5))
    if request.user.has_perm("accommodations.change_type"):
        links.append(NavLink("Kinds of support", reverse("accommodations:kinds"), order=66))
    return links


def connect() -> None:
    HOME_PANELS.register(
        PagePanel(order=30, name="access requests", show=access_home_panel, aside=True)
    )
    STAFF_HOME_PANELS.register(
        PagePanel(order=30, name="access requests", show=access_requests_panel)
    )
    STAFF_HOME_PANELS.register(
        PagePanel(order=45, name="support asked for", show=support_asked_panel)
    )
    EVENT_PANELS.register(access_panel)
    ATTENDEES_PANELS.register(attendees_support)
    RSVP_NEXT_STEPS.register(confirm_standing_needs)
    LINK_NEXT_STEPS.register(access_step_by_link)
    REMINDER_SECTIONS.register(reminder_lines)
    NAV_STAFF.register(staff_links)
    DEFAULTS_STEPS.register(DefaultsStep(order=30, name="kinds of support", fill=types_fill))
    DEMO_STEPS.register(DemoStep(order=45, name="access requests", run=demo_requests))
    PROFILE_SECTIONS.register(
        ProfileSection(
            key="access-needs",
            title="Access needs at every gathering",
            template_name="members/_section_rows.html",
            data=standing_needs_rows,
            edit_url_name="accommodations:standing_needs",
            order=20,
        )
    )
    PERSONAL_DATA.register(
        PersonalData(
            AccommodationRequest,
            "Accommodation requests",
            requests_exported,
            erased_with_the_account,
        )
    )
    PERSONAL_DATA.register(
        PersonalData(
            RequestQuestion,
            "Questions about accommodation requests",
            questions_exported,
            erased_with_the_account,
        )
    )
    PERSONAL_DATA.register(
        PersonalData(
            StandingNeed,
            "Access needs at every gathering",
            standing_needs_exported,
            erased_with_the_account,
        )
    )
    event_changed.connect(on_event_changed, dispatch_uid="accommodations-reconfirm")
    event_materials_added.connect(on_materials_added, dispatch_uid="accommodations-materials")
    # The welcome checklist (dm3p.accounts.hooks.WELCOME_STEPS).
    WELCOME_STEPS.register(
        WelcomeStep(
            key="access_needs",
            title="Your access needs",
            text="Tell the organizers once what you need at every gathering (captions, "
            "interpreters, breaks, materials ahead), so you don't have to ask each time.",
            url_name="accommodations:standing_needs",
            link_text="Tell us your access needs",
            done=lambda user: StandingNeed.objects.filter(member=user).exists(),
            order=30,
        )
    )
