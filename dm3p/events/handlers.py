"""What events adds to core's hooks (links, demo gatherings), how it reacts to changes in
accounts, and the background work it queues (reminders)."""

import datetime as dt
from functools import partial
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from dm3p.accounts.enums import MEMBER_NOW_STATUSES, MembershipStatus
from dm3p.accounts.hooks import WELCOME_STEPS, WelcomeStep, membership_status_changed
from dm3p.core.hooks import (
    DEMO_STEPS,
    FRONT_PAGE_PANELS,
    HOME_PANELS,
    NAV_MAIN,
    NAV_STAFF,
    STAFF_HOME_PANELS,
    DemoStep,
    NavLink,
    PagePanel,
)
from dm3p.events import search as events_search
from dm3p.events.demo import demo_events
from dm3p.events.hooks import event_invitations_due, event_reminders_due
from dm3p.events.models import CalendarFeed, Event, Rsvp
from dm3p.events.personal_data import calendar_feed_exported, rsvps_exported
from dm3p.events.selectors import front_page_panel, home_panel
from dm3p.events.services import calendar_feed_revoke, rsvps_release
from dm3p.events.staff_home import next_gathering_panel
from dm3p.events.tasks import event_invitations, event_reminders
from dm3p.members.hooks import PERSONAL_DATA, PersonalData
from dm3p.members.personal_data import erased_with_the_account

FEED_STATUSES = {MembershipStatus.MEMBER, MembershipStatus.ALLY}


def main_links(request: HttpRequest) -> list[NavLink]:
    return [NavLink("News & Events", reverse("events:list"), order=22)]


def staff_links(request: HttpRequest) -> list[NavLink]:
    if request.user.has_perm("events.manage_event"):
        return [NavLink("Gatherings", reverse("events:manage"), order=20)]
    return []


def revoke_feed_when_access_changes(
    sender: Any, person: Any, before: str, after: str, actor: Any, **kwargs: Any
) -> None:
    """A calendar address ends with the access it came with: someone suspended loses it for
    good, and someone reinstated gets a new one, never the address they had before."""
    if (before in FEED_STATUSES) != (after in FEED_STATUSES):
        calendar_feed_revoke(actor=actor, user=person)


def release_answers_when_membership_ends(
    sender: Any, person: Any, before: str, after: str, actor: Any, **kwargs: Any
) -> None:
    """Someone declined or suspended no longer holds places at gatherings to come: their
    answers are released and the waiting list moves up."""
    if before in MEMBER_NOW_STATUSES and after not in MEMBER_NOW_STATUSES:
        rsvps_release(actor=actor, person=person)


def reminders_queue(
    sender: Any, event: Event, due: list[tuple[int, dt.datetime]], **kwargs: Any
) -> None:
    """Queue each reminder to run at its time, once the change that made it due commits."""
    for days, run_at in due:
        enqueue = event_reminders.using(run_after=run_at).enqueue
        transaction.on_commit(partial(enqueue, event.pk, days, event.sequence))


def invitations_queue(sender: Any, event: Event, run_at: dt.datetime, **kwargs: Any) -> None:
    """Queue a gathering's invitations for their time, once the change commits."""
    enqueue = event_invitations.using(run_after=run_at).enqueue
    transaction.on_commit(partial(enqueue, event.pk))


def connect() -> None:
    # search: what search finds here, kept in step with each change.
    events_search.connect()
    NAV_MAIN.register(main_links)
    NAV_STAFF.register(staff_links)
    DEMO_STEPS.register(DemoStep(order=40, name="gatherings", run=demo_events))
    FRONT_PAGE_PANELS.register(PagePanel(order=10, name="next gathering", show=front_page_panel))
    HOME_PANELS.register(PagePanel(order=10, name="next gathering", show=home_panel))
    STAFF_HOME_PANELS.register(
        PagePanel(order=40, name="next gathering", show=next_gathering_panel)
    )
    PERSONAL_DATA.register(
        PersonalData(Rsvp, "Gatherings you answered", rsvps_exported, erased_with_the_account)
    )
    PERSONAL_DATA.register(
        PersonalData(
            CalendarFeed, "Your calendar feed", calendar_feed_exported, erased_with_the_account
        )
    )
    event_reminders_due.connect(reminders_queue, dispatch_uid="events-reminders-queue")
    event_invitations_due.connect(invitations_queue, dispatch_uid="events-invitations-queue")
    membership_status_changed.connect(
        revoke_feed_when_access_changes, dispatch_uid="events-revoke-feed"
    )
    membership_status_changed.connect(
        release_answers_when_membership_ends, dispatch_uid="events-release-answers"
    )
    # The welcome checklist (dm3p.accounts.hooks.WELCOME_STEPS).
    WELCOME_STEPS.register(
        WelcomeStep(
            key="next_gathering",
            title="The next gathering",
            text="We meet online once a month, with live captions. Say if you're coming, "
            "and ask for any support you need.",
            url_name="events:list",
            link_text="See the gatherings",
            done=lambda user: Rsvp.objects.filter(
                member=user, event__starts_at__gt=timezone.now()
            ).exists(),
            order=40,
        )
    )
    WELCOME_STEPS.register(
        WelcomeStep(
            key="calendar",
            title="Your calendar",
            text="Add the gatherings to the calendar you already use, so they show up "
            "there with their times in your own time zone.",
            url_name="events:calendar",
            link_text="Add gatherings to your calendar",
            order=50,
        )
    )
