"""What circles add to earlier apps through their hooks: a step to choose breakout rooms
after saying "going" and a panel saying which room you're in (events); the "my circle"
audience, the matching-preferences section of the profile and what export and erasure cover
(members); links, a notice when a member's circle is published, demo rounds and daily
check-in reminders (core)."""

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from dm3p.accounts.hooks import WELCOME_STEPS, WelcomeStep
from dm3p.circles.demo import demo_circles
from dm3p.circles.models import CircleMembership, RoundEntry
from dm3p.circles.personal_data import CIRCLES_PERSONAL_DATA
from dm3p.circles.selectors.breakouts import choice_of, room_of, rooms_of
from dm3p.circles.selectors.circles import circle_mate_ids, circles_unseen_by
from dm3p.circles.selectors.home import circle_panel
from dm3p.circles.selectors.rounds import preferences_of
from dm3p.circles.staff_home import circles_panel, rounds_panel
from dm3p.circles.tasks import check_in_reminders_daily
from dm3p.core.hooks import (
    DEMO_STEPS,
    HOME_PANELS,
    NAV_MAIN,
    NAV_STAFF,
    NOTICES,
    PERIODIC_TASKS,
    STAFF_HOME_PANELS,
    DemoStep,
    NavLink,
    Notice,
    PagePanel,
    PeriodicTask,
)
from dm3p.events.hooks import EVENT_PANELS, RSVP_NEXT_STEPS
from dm3p.events.models import Event
from dm3p.members.hooks import (
    AUDIENCES,
    ORGANIZER_FIELD_PAGES,
    PERSONAL_DATA,
    PERSONAL_DATA_EXEMPT,
    PROFILE_SECTIONS,
    Audience,
    PersonalDataExempt,
    ProfileSection,
)
from dm3p.members.models import Profile

MY_CIRCLE = "my_circle"


def choose_rooms_step(event: Event, member: Any) -> str | None:
    if rooms_of(event=event).exists() and choice_of(event=event, member=member) is None:
        return reverse("circles:choose", args=[event.pk])
    return None


def my_room_panel(event: Event, viewer: Any) -> tuple[str, dict[str, Any]] | None:
    if not viewer.is_authenticated or not rooms_of(event=event).exists():
        return None
    return "circles/_room_panel.html", {
        "event": event,
        "room": room_of(event=event, member=viewer),
        "can_choose": viewer.has_perm("events.rsvp"),
    }


def in_my_circle(viewer: Any, owner: Any) -> bool:
    """Whether ``viewer`` shares a running circle with ``owner`` (looked up once a request)."""
    if not viewer.is_authenticated:
        return False
    mates = getattr(viewer, "_circle_mate_ids", None)
    if mates is None:
        mates = circle_mate_ids(viewer=viewer, day=timezone.localdate())
        viewer._circle_mate_ids = mates
    return bool(owner.pk in mates)


def matching_preferences_rows(profile: Profile) -> dict[str, Any]:
    preferences = preferences_of(member=profile.user)
    if preferences is None:
        return {"rows": [], "empty": "None saved. You'll be asked when you join a round."}
    avoided = [person.display_name for person in preferences.avoid.all()]
    return {
        "rows": [
            ("Professions in your circle", preferences.get_profession_preference_display()),
            (
                "People you won't be placed with (only you see this)",
                ", ".join(avoided) if avoided else "Nobody",
            ),
        ]
    }


def circle_ready_notices(request: HttpRequest) -> list[Notice]:
    return [
        Notice(
            f"Your circle for {membership.circle.round.name} is ready.",
            "See your circle",
            reverse("circles:circle", args=[membership.circle_id]),
        )
        for membership in circles_unseen_by(member=request.user)
    ]


def main_links(request: HttpRequest) -> list[NavLink]:
    if request.user.has_perm("circles.join_round"):
        return [NavLink("Circles", reverse("circles:mine"), order=32)]
    return []


def staff_links(request: HttpRequest) -> list[NavLink]:
    if request.user.has_perm("circles.manage_rounds"):
        return [NavLink("Matching rounds", reverse("circles:rounds"), order=22)]
    return []


def connect() -> None:
    """Register circles' entries in the other apps' hooks (from CirclesConfig.ready)."""
    HOME_PANELS.register(PagePanel(order=20, name="circle", show=circle_panel))
    NAV_MAIN.register(main_links)
    NAV_STAFF.register(staff_links)
    STAFF_HOME_PANELS.register(PagePanel(order=50, name="matching rounds", show=rounds_panel))
    STAFF_HOME_PANELS.register(PagePanel(order=60, name="circles struggling", show=circles_panel))
    RSVP_NEXT_STEPS.register(choose_rooms_step)
    EVENT_PANELS.register(my_room_panel)
    AUDIENCES.register(
        Audience(
            MY_CIRCLE,
            "My circle",
            20,
            in_my_circle,
            per_member=True,
            seen_by="the people in your circle",
        )
    )
    PROFILE_SECTIONS.register(
        ProfileSection(
            key="matching-preferences",
            title="Matching preferences for circles",
            template_name="members/_section_rows.html",
            data=matching_preferences_rows,
            edit_url_name="circles:preferences",
            order=30,
        )
    )
    NOTICES.register(circle_ready_notices)
    # A circle's page shows its members' profile fields, by audience.
    ORGANIZER_FIELD_PAGES.register("circles:circle")
    for entry in CIRCLES_PERSONAL_DATA:
        PERSONAL_DATA.register(entry)
    PERSONAL_DATA_EXEMPT.register(
        PersonalDataExempt(
            "circles.circle",
            "A circle's name and next meeting belong to the circle; who set the meeting is "
            "unlinked when their account goes.",
        )
    )
    DEMO_STEPS.register(DemoStep(order=60, name="circles", run=demo_circles))
    PERIODIC_TASKS.register(PeriodicTask(task=check_in_reminders_daily, every=timedelta(days=1)))
    # The welcome checklist (dm3p.accounts.hooks.WELCOME_STEPS).
    WELCOME_STEPS.register(
        WelcomeStep(
            key="circles",
            title="Mentorship circles",
            text="Small groups of members who meet regularly, each person both mentor and "
            "mentee. Sign up when a round is open.",
            url_name="circles:mine",
            link_text="See the circles",
            done=lambda user: (
                RoundEntry.objects.filter(member=user).exists()
                or CircleMembership.objects.filter(member=user).exists()
            ),
            order=60,
        )
    )
