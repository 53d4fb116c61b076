"""The canary test (PRIVACY.md): every sensitive and secret field holds a unique marker; we
crawl every page reachable as each role, read every export and every e-mail, and check that
each marker is seen by exactly the roles allowed to see it: never more (a leak), and never
fewer (which would mean the crawl missed the page, and the test proved nothing)."""

import datetime as dt
import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from dm3p.accommodations.models import AccommodationRequest, AccommodationType
from dm3p.accounts.models import User
from dm3p.circles.models import BreakoutRoom
from dm3p.events.models import Event
from dm3p.events.services import calendar_feed_reset
from dm3p.members.models import (
    Application,
    CommunitySettings,
    Message,
    Profile,
    Report,
    ReportNote,
)
from dm3p.members.services import profile_ensure
from tests.factories import ROLES, TEST_TOTP_SECRET, user_for_role
from tests.helpers import run_queued_tasks

MEMBERS = {"member", "ally", "coordinator", "organizer", "admin"}
MAX_PAGES_PER_ROLE = 160
LINK = re.compile(r'href="(/[^"]*)"')
# Addresses that act, or would end the crawl's own session; everything else is read.
SKIP = ("/accounts/logout/", "/static/", "/media/", "/admin/", "/profile/delete/")


@dataclass
class Site:
    users: dict[str, User]
    markers: dict[str, set[str]] = field(default_factory=dict)  # marker -> allowed roles

    def mark(self, name: str, allowed: set[str]) -> str:
        marker = f"CANARY{name.upper()}{len(self.markers)}X"
        self.markers[marker] = allowed
        return marker


def build_site() -> Site:
    users = {role: user for role in ROLES if (user := user_for_role(role)) is not None}
    site = Site(users=users)
    member, ally, organizer = users["member"], users["ally"], users["organizer"]
    for user in users.values():
        if user.membership_status in {"member", "ally"}:
            profile_ensure(user=user)

    consent = timezone.now()
    Profile.objects.filter(user=member).update(
        bio=site.mark("bio", MEMBERS),
        lived_experience=None,
        zoom_email=f"{site.mark('zoom', {'member'}).lower()}@example.org",
    )
    member_profile = Profile.objects.get(user=member)
    member_profile.lived_experience = site.mark("lived-only-me", {"member"})
    member_profile.health_consent_at = consent
    member_profile.save()
    ally_profile = Profile.objects.get(user=ally)
    ally_profile.lived_experience = site.mark("lived-organizers", {"ally", "organizer"})
    ally_profile.health_consent_at = consent
    ally_profile.visibility = {**ally_profile.visibility, "lived_experience": "organizers"}
    ally_profile.institution = site.mark("institution-organizers", {"ally", "organizer"})
    ally_profile.save()

    Application.objects.create(
        user=member,
        status="approved",
        submitted_at=consent,
        decided_at=consent,
        hopes_to_get=site.mark("member-hopes", {"member", "organizer"}),
        health_details=site.mark("member-health", {"member", "organizer"}),
        health_consent_at=consent,
    )
    Application.objects.create(
        user=users["applicant"],
        status="submitted",
        submitted_at=consent,
        hopes_to_give=site.mark("applicant-answer", {"applicant", "organizer"}),
    )

    Message.objects.create(
        sender=member, recipient=ally, body=site.mark("message", {"member", "ally"})
    )
    reported = Message.objects.create(
        sender=ally,
        recipient=member,
        body=site.mark("reported-message", {"ally", "member", "organizer"}),
    )
    report = Report.objects.create(
        reporter=member,
        about=ally,
        message=reported,
        reason=site.mark("report-reason", {"member", "organizer"}),
    )
    ReportNote.objects.create(
        report=report, author=organizer, text=site.mark("report-note", {"organizer"})
    )
    CommunitySettings.objects.create(
        pk=1, discord_invite_url=f"https://discord.example/{site.mark('discord', MEMBERS)}"
    )
    start = timezone.now() + dt.timedelta(days=10)
    gathering = Event.objects.create(
        title="Gathering",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        time_zone="UTC",
        meeting_url=f"https://zoom.example/{site.mark('meeting', MEMBERS)}",
        meeting_passcode=site.mark("passcode", MEMBERS),
    )
    site.markers[calendar_feed_reset(user=member).token] = {"member"}
    BreakoutRoom.objects.create(
        event=gathering,
        name="Exams",
        has_interpreter=True,
        support_emails=f"{site.mark('interpreter', {'organizer'}).lower()}@example.org",
    )
    AccommodationRequest.objects.create(
        event=gathering,
        member=member,
        kind=AccommodationType.objects.create(label="ASL interpretation"),
        details=site.mark("access-details", {"member", "coordinator", "admin"}),
        provider_notes=site.mark("provider-notes", {"coordinator", "admin"}),
    )
    # Secrets nobody may ever see on a page: staff TOTP secrets (set by the factories).
    site.markers[TEST_TOTP_SECRET] = set()
    return site


def guessed_urls() -> list[str]:
    """Addresses someone could type without a link: every object's page, for every role."""
    urls = []
    for user_id in User.objects.values_list("pk", flat=True):
        urls += [f"/members/{user_id}/", f"/people/{user_id}/", f"/members/{user_id}/contact/"]
    urls += [f"/messages/{pk}/" for pk in Message.objects.values_list("pk", flat=True)]
    urls += [f"/manage/reports/{pk}/" for pk in Report.objects.values_list("pk", flat=True)]
    urls += [
        f"/manage/access/{pk}/" for pk in AccommodationRequest.objects.values_list("pk", flat=True)
    ]
    for pk in Event.objects.values_list("pk", flat=True):
        urls += [
            f"/events/{pk}/access/",
            f"/events/{pk}/breakouts/",
            f"/manage/events/{pk}/breakouts/",
            f"/manage/events/{pk}/breakouts.csv",
        ]
    urls += [
        f"/manage/applications/{pk}/" for pk in Application.objects.values_list("pk", flat=True)
    ]
    return urls


def crawl(client: Client) -> str:
    """Every page reachable from the starting points by links, as one big text."""
    seen: set[str] = set()
    queue = deque(
        [
            "/",
            "/members/",
            "/profile/",
            "/profile/data/",
            "/profile/data.json",
            "/messages/",
            "/account/",
            "/apply/status/",
            "/manage/applications/",
            "/manage/applications/?status=approved",
            "/manage/reports/",
            "/events/",
            "/events/calendar/",
            "/events/feed.ics",
            "/manage/access/",
            *guessed_urls(),
        ]
    )
    texts = []
    while queue and len(seen) < MAX_PAGES_PER_ROLE:
        url = urldefrag(queue.popleft())[0]
        if url in seen or url.startswith(SKIP) or "page=" in url:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or getattr(response, "streaming", False):
            continue
        text = response.content.decode(errors="replace")
        texts.append(text)
        for link in LINK.findall(text):
            link = link.replace("&amp;", "&")
            if urlsplit(link).path and link not in seen:
                queue.append(link)
    return "\n".join(texts)


@pytest.mark.django_db
def test_canary_markers_are_seen_exactly_by_the_roles_allowed() -> None:
    site = build_site()
    seen_by: dict[str, set[str]] = {marker: set() for marker in site.markers}
    for role in ROLES:
        client = Client()
        if role in site.users:
            client.force_login(site.users[role], backend="dm3p.accounts.backends.EmailBackend")
        text = crawl(client)
        for marker in site.markers:
            if marker.lower() in text.lower():
                seen_by[marker].add(role)
    leaks = {
        marker: sorted(seen_by[marker] - allowed)
        for marker, allowed in site.markers.items()
        if seen_by[marker] - allowed
    }
    unreached = {
        marker: sorted(allowed - seen_by[marker])
        for marker, allowed in site.markers.items()
        if allowed - seen_by[marker]
    }
    assert leaks == {}, "markers seen by roles that must not see them"
    assert unreached == {}, "markers the crawl never reached for roles allowed to see them"


@pytest.mark.django_db
def test_canary_emails_reach_only_their_recipients(
    django_capture_on_commit_callbacks: object,
) -> None:
    site = build_site()
    member, ally = site.users["member"], site.users["ally"]
    client = Client()
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        client.post(f"/members/{ally.pk}/contact/", {"body": "EMAILCANARY one"})
        client.post(f"/members/{ally.pk}/report/", {"reason": "EMAILREPORTCANARY two"})
    run_queued_tasks()
    recipients_by_marker: dict[str, set[str]] = {"EMAILCANARY": set(), "EMAILREPORTCANARY": set()}
    for message in mail.outbox:
        for marker, recipients in recipients_by_marker.items():
            if f"{marker} " in str(message.body) + str(message.subject):
                recipients.update(message.to)
    assert recipients_by_marker == {"EMAILCANARY": {ally.email}, "EMAILREPORTCANARY": set()}
