"""What this app adds to earlier ones through their hooks: a panel on each gathering, a
section on the profile, lines in reminders, and re-confirmation when a gathering changes."""

from typing import Any

from django.urls import reverse

from dm3p.accommodations.selectors import (
    request_counts_for,
    requests_of,
    standing_needs_of,
    types_by_default,
)
from dm3p.accommodations.services import materials_send, requests_reconfirm_after_change
from dm3p.core.links import site_address
from dm3p.events.hooks import (
    event_changed,
    event_materials_added,
    event_panel_register,
    reminder_section_register,
    rsvp_next_step_register,
)
from dm3p.events.models import Event
from dm3p.members.models import Profile
from dm3p.members.sections import ProfileSection, profile_section_register


def access_panel(event: Event, viewer: Any) -> tuple[str, dict[str, Any]]:
    mine = list(requests_of(member=viewer, event=event)) if viewer.is_authenticated else []
    return "accommodations/_event_panel.html", {
        "by_default": list(types_by_default()),
        "mine": mine,
        "can_request": viewer.has_perm("accommodations.request"),
        "counts": request_counts_for(event=event) if viewer.has_perm("events.manage_event") else [],
        "event": event,
    }


def reminder_lines(event: Event, member: Any) -> list[str]:
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


def confirm_standing_needs(event: Event, member: Any) -> str | None:
    """Someone with usual access needs said they're coming: one step to send them."""
    asked = {item.kind_id for item in requests_of(member=member, event=event)}
    if any(need.kind_id not in asked for need in standing_needs_of(member=member)):
        return reverse("accommodations:for_event", args=[event.pk])
    return None


def on_event_changed(sender: Any, event: Event, changed: list[str], **kwargs: Any) -> None:
    requests_reconfirm_after_change(event=event, changed=changed)


def on_materials_added(sender: Any, event: Event, resource: Any, **kwargs: Any) -> None:
    path = reverse("events:resource_file", args=[event.pk, resource.pk]) if resource.file else ""
    link = site_address(path) if path else resource.url
    materials_send(event=event, title=resource.title, link=link, resource_id=resource.pk)


def connect() -> None:
    event_panel_register(access_panel)
    rsvp_next_step_register(confirm_standing_needs)
    reminder_section_register(reminder_lines)
    profile_section_register(
        ProfileSection(
            key="access-needs",
            title="Access needs at every gathering",
            template_name="members/_section_rows.html",
            data=standing_needs_rows,
            edit_url_name="accommodations:standing_needs",
            order=20,
        )
    )
    event_changed.connect(on_event_changed, dispatch_uid="accommodations-reconfirm")
    event_materials_added.connect(on_materials_added, dispatch_uid="accommodations-materials")
