"""The canary test (PRIVACY.md): every sensitive and secret field holds a unique marker; we
crawl every page reachable as each role, read every export and every e-mail, and check that
each marker is seen by exactly the roles allowed to see it: never more (a leak), and never
fewer (which would mean the crawl missed the page, and the test proved nothing).

A member's list of people to keep apart from is a relation between people whose names are
shown all over the site, so it has no marker: its own test reads every page with the list
and without it (test_canary_avoid_list_changes_only_its_owners_pages)."""

import datetime as dt
import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core import mail
from django.db.models import Max
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from dm3p.accommodations.enums import RequestStatus
from dm3p.accommodations.models import AccommodationRequest
from dm3p.accounts.models import User
from dm3p.circles.enums import ProfessionPreference
from dm3p.circles.models import (
    Circle,
    CircleMembership,
    MatchingPreferences,
    MatchingRound,
)
from dm3p.circles.services.circle_life import CheckInAnswers, check_in_save, note_add
from dm3p.circles.services.rounds import PreferencesAnswers, preferences_save
from dm3p.conversations.enums import ReportOutcome, SpaceAudience
from dm3p.conversations.models import Message, Post, Report, Space, Thread
from dm3p.conversations.services.actions import post_edit
from dm3p.conversations.services.auto_spaces import circle_space_for
from dm3p.conversations.services.messages import report_close
from dm3p.conversations.services.posting import thread_start
from dm3p.core.models import AuditEntry
from dm3p.events.models import Event
from dm3p.events.services import calendar_feed_reset
from dm3p.members.models import (
    Application,
    Profile,
)
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.factories import ROLES, TEST_TOTP_SECRET, make_user, user_for_role
from tests.factories.accommodations import (
    make_accommodation_request,
    make_accommodation_type,
    make_request_question,
    make_standing_need,
)
from tests.factories.circles import make_breakout_room, make_circle, make_entry, make_round, publish
from tests.factories.conversations import (
    make_inbound_email,
    make_message,
    make_post,
    make_report,
    make_report_note,
    make_space,
    make_thread,
    make_thread_participant,
)
from tests.factories.events import make_event
from tests.factories.members import make_application, make_community_settings
from tests.helpers import Capture, run_queued_tasks, signed_in
from tests.html_tree import parse

pytestmark = pytest.mark.clock(ORDINARY)

MEMBERS = {"member", "ally", "coordinator", "organizer", "admin"}
MAX_PAGES_PER_ROLE = 160
# Addresses that act, or would end the crawl's own session; everything else is read.
SKIP = ("/accounts/logout/", "/static/", "/media/", "/admin/", "/profile/delete/")
OTHERS = "someone else"  # whoever an e-mail went to who is none of the roles


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

    make_application(
        user=member,
        status="approved",
        submitted_at=consent,
        decided_at=consent,
        hopes_to_get=site.mark("member-hopes", {"member", "organizer"}),
        health_details=site.mark("member-health", {"member", "organizer"}),
        health_consent_at=consent,
    )
    # Organizers asked for more: the question is on the form the applicant adds to, and on
    # the application organizers review.
    make_application(
        user=users["applicant"],
        status="more_info",
        submitted_at=consent,
        hopes_to_give=site.mark("applicant-answer", {"applicant", "organizer"}),
        info_request=site.mark("info-request", {"applicant", "organizer"}),
    )
    # What organizers wrote with a decision: on the applicant's status page and export; no
    # organizer's page shows it again.
    make_application(
        user=users["declined"],
        status="declined",
        submitted_at=consent,
        decided_at=consent,
        decision_message=site.mark("decision-message", {"declined"}),
    )

    thread = make_post(
        thread=make_thread(space=None),
        author=member,
        body=site.mark("message", {"member", "ally"}),
    ).thread
    for person in (member, ally):
        make_thread_participant(thread=thread, person=person)
    reported = make_post(
        thread=thread,
        author=ally,
        body=site.mark("reported-message", {"ally", "member", "organizer"}),
    )
    make_message(sender=member, recipient=ally, body="Before the conversations.")
    report = make_report(
        reporter=member,
        about=ally,
        post=reported,
        reason=site.mark("report-reason", {"member", "organizer"}),
    )
    make_report_note(report=report, author=organizer, text=site.mark("report-note", {"organizer"}))
    # The outcome goes to the reporter by e-mail only: no page shows it, organizers' included.
    report_close(
        report=make_report(reporter=member, about=ally, reason="Closed already."),
        actor=organizer,
        outcome=ReportOutcome.WARNING,
        message=site.mark("report-outcome", {"member"}),
    )
    make_community_settings(
        pk=1, discord_invite_url=f"https://discord.example/{site.mark('discord', MEMBERS)}"
    )
    gathering = make_event(
        days_ahead=10,
        minutes=60,
        title="Gathering",
        meeting_url=f"https://zoom.example/{site.mark('meeting', MEMBERS)}",
        meeting_id=site.mark("meeting-id", MEMBERS),
        meeting_passcode=site.mark("passcode", MEMBERS),
    )
    site.markers[calendar_feed_reset(user=member).token] = {"member"}
    make_breakout_room(
        event=gathering,
        name="Exams",
        has_interpreter=True,
        support_emails=f"{site.mark('interpreter', {'organizer'}).lower()}@example.org",
    )
    interpreting = make_accommodation_type(label="ASL interpretation")
    asked = make_accommodation_request(
        event=gathering,
        member=member,
        kind=interpreting,
        details=site.mark("access-details", {"member", "coordinator", "admin"}),
        provider_notes=site.mark("provider-notes", {"coordinator", "admin"}),
    )
    # A coordinator's questions about the request: the member reads and answers them on
    # their access page; only coordinators see them otherwise.
    make_request_question(
        request=asked,
        asked_by=users["coordinator"],
        question=site.mark("question-answered", {"member", "coordinator", "admin"}),
        answer=site.mark("answer", {"member", "coordinator", "admin"}),
        answered_by=member,
        answered_at=consent,
    )
    make_request_question(
        request=asked,
        asked_by=users["coordinator"],
        question=site.mark("question-open", {"member", "coordinator", "admin"}),
    )
    # Why a request can't be met: for the member, and the coordinators who wrote it (never
    # organizers, who see counts without the requests that weren't possible).
    make_accommodation_request(
        event=gathering,
        member=member,
        kind=make_accommodation_type(label="Live captioner"),
        status=RequestStatus.NOT_POSSIBLE,
        not_possible_reason=site.mark("not-possible", {"member", "coordinator", "admin"}),
    )
    # Offered to the member when they say they're coming; coordinators see only the
    # requests made from it.
    make_standing_need(
        member=member, kind=interpreting, details=site.mark("standing-need", {"member"})
    )
    build_circles(site)
    build_conversations(site)
    # Secrets nobody may ever see on a page: staff TOTP secrets (set by the factories).
    site.markers[TEST_TOTP_SECRET] = set()
    return site


def build_circles(site: Site) -> None:
    """A running round: the member and the ally share a circle, the coordinator is in
    another; a round open for sign-up that all three joined, matched into a draft. The
    member keeps apart from the coordinator (see the avoid-list test)."""
    member, ally, coordinator = (site.users[role] for role in ("member", "ally", "coordinator"))
    today = timezone.localdate()
    running = make_round(
        name="Autumn circles",
        signup_opens_on=today - dt.timedelta(days=60),
        signup_closes_on=today - dt.timedelta(days=40),
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=150),
    )
    other = make_user(name="Another Member")
    for person in (member, ally, coordinator, other):
        make_entry(running, person)
    ours = make_circle(running, [member, ally])
    make_circle(running, [coordinator, other])
    publish(running)
    # Circle notes: the circle's own members, and the author's export.
    note_add(author=member, circle=ours, text=site.mark("circle-note", {"member", "ally"}))
    # Check-in comments: the member's own export; organizers too only when shared.
    check_in_save(
        membership=CircleMembership.objects.get(round=running, member=member),
        answers=CheckInAnswers(4, site.mark("check-in-private", {"member"}), False, False, False),
    )
    check_in_save(
        membership=CircleMembership.objects.get(round=running, member=ally),
        answers=CheckInAnswers(
            3, site.mark("check-in-shared", {"ally", "organizer"}), True, False, False
        ),
    )
    upcoming = make_round(name="Winter circles")
    for person in (member, ally, coordinator):
        make_entry(upcoming, person)
    make_circle(upcoming, [member, ally])
    make_circle(upcoming, [coordinator])
    preferences_save(
        member=member,
        answers=PreferencesAnswers(
            profession_preference=ProfessionPreference.MIXED, avoid=[coordinator]
        ),
    )


def conversation_pages() -> bool:
    """Whether the site has the pages that show spaces and threads yet (until they land,
    a post is read only in its author's export)."""
    try:
        reverse("conversations:thread", args=[1])
    except NoReverseMatch:
        return False
    return True


def build_conversations(site: Site) -> None:
    """Posts in the member's circle space (the member and the ally), in a direct
    conversation (the coordinator and the member) and in a space for organizers only. Each
    author reads their own in their export; the others allowed, on the conversation pages."""
    member, coordinator, organizer = (
        site.users[role] for role in ("member", "coordinator", "organizer")
    )
    pages = conversation_pages()
    ours = CircleMembership.objects.select_related("circle__round").get(
        member=member, circle__round__published_at__isnull=False
    )
    circle_readers = {"member", "ally"} if pages else {"member"}
    thread_start(
        space=circle_space_for(ours.circle),
        author=member,
        title="Between meetings",
        body=site.mark("circle-post", circle_readers),
        content_note=site.mark("circle-note-label", circle_readers),
    )
    direct = make_thread(space=None, title="Hello")
    for person in (coordinator, member):
        make_thread_participant(thread=direct, person=person)
    make_post(
        thread=direct,
        author=coordinator,
        body=site.mark("direct-post", {"coordinator", "member"} if pages else {"coordinator"}),
    )
    # A post's earlier version, in the gathering's thread everyone taking part reads: only
    # moderators, who may read a post's history, and its author, in their data export, see
    # it; readers see the post as it is now.
    edited = make_post(
        thread=Thread.objects.get(event__isnull=False),
        author=member,
        body=site.mark("earlier-version", {"organizer", "member"} if pages else set()),
    )
    post_edit(post=edited, body="Looking forward to this one.", content_note="")
    # A reply that came in by e-mail: the raw message is kept, encrypted, for a short while
    # and no page, export or e-mail shows it (the post shows only the reply's own words).
    make_inbound_email(
        post=edited,
        raw=(
            f"From: {member.email}\nTo: reply+abc@example.org\nSubject: Re: Gathering\n"
            f"X-Originating-IP: {site.mark('inbound-header', set())}\n\n"
            f"Looking forward to this one.\n\n> {site.mark('inbound-quoted', set())}\n"
        ),
    )
    staff_room = make_space(name="Organizers", audience=SpaceAudience.ORGANIZERS)
    thread_start(
        space=staff_room,
        author=organizer,
        title="Planning",
        body=site.mark("organizers-post", {"organizer"}),
    )


def guessed_urls() -> list[str]:
    """Addresses someone could type without a link: every object's page, for every role."""
    urls = []
    for user_id in User.objects.values_list("pk", flat=True):
        urls += [f"/members/{user_id}/", f"/people/{user_id}/", f"/members/{user_id}/contact/"]
    urls += [f"/messages/{pk}/" for pk in Message.objects.values_list("pk", flat=True)]
    urls += [
        f"/conversations/posts/{pk}/report/" for pk in Post.objects.values_list("pk", flat=True)
    ]
    urls += [
        f"/conversations/direct/{pk}/add/"
        for pk in Thread.objects.filter(space=None).values_list("pk", flat=True)
    ]
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
    for pk in Application.objects.values_list("pk", flat=True):
        # Health details show only after the "Show health details" step.
        urls += [f"/manage/applications/{pk}/", f"/manage/applications/{pk}/?show=health"]
    for pk in Circle.objects.values_list("pk", flat=True):
        urls += [f"/circles/{pk}/", f"/circles/{pk}/check-in/"]
    # Every space, thread and post of conversations, by its address.
    urls += [
        f"/conversations/spaces/{slug}/" for slug in Space.objects.values_list("slug", flat=True)
    ]
    for pk in Thread.objects.values_list("pk", flat=True):
        urls += [f"/conversations/threads/{pk}/"]
    for pk in MatchingRound.objects.values_list("pk", flat=True):
        urls += [
            f"/circles/rounds/{pk}/",
            f"/manage/circles/{pk}/",
            f"/manage/circles/{pk}/edit/",
            f"/manage/circles/{pk}/health/",
        ]
    return urls


def crawl(client: Client) -> dict[str, str]:
    """Every page reachable from the starting points by links: address -> text."""
    seen: set[str] = set()
    queue = deque(
        [
            "/",
            "/members/",
            "/profile/",
            "/profile/data/",
            "/profile/data.json",
            "/messages/",
            "/conversations/",
            "/conversations/direct/",
            "/account/",
            "/apply/status/",
            "/manage/applications/",
            "/manage/applications/?status=approved",
            "/manage/reports/",
            "/events/",
            "/events/calendar/",
            "/events/feed.ics",
            "/manage/access/",
            "/circles/",
            "/profile/matching/",
            "/manage/circles/",
            *guessed_urls(),
        ]
    )
    pages: dict[str, str] = {}
    while queue and len(seen) < MAX_PAGES_PER_ROLE:
        url = urldefrag(queue.popleft())[0]
        if url in seen or url.startswith(SKIP) or "page=" in url:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or getattr(response, "streaming", False):
            continue
        text = response.content.decode(errors="replace")
        pages[url] = text
        links = [element.attrs.get("href", "") for element in parse(text).all()]
        for link in links:
            if link.startswith("/") and urlsplit(link).path and link not in seen:
                queue.append(link)
    return pages


def emails_by_role(site: Site) -> dict[str, str]:
    """Every e-mail sent (subject, text, HTML and attachments) by the role it went to, and
    under OTHERS what went to anyone else, who may see no marker at all."""
    role_of = {user.email.lower(): role for role, user in site.users.items()}
    texts: dict[str, list[str]] = {}
    for message in mail.outbox:
        parts = [str(message.subject), str(message.body)]
        parts += [str(content) for content, _ in getattr(message, "alternatives", [])]
        for attachment in message.attachments:
            content = attachment[1] if isinstance(attachment, tuple) else attachment.as_string()
            parts.append(
                content.decode(errors="replace") if isinstance(content, bytes) else content
            )
        for address in message.recipients():
            texts.setdefault(role_of.get(address.lower(), OTHERS), []).extend(parts)
    return {role: "\n".join(parts) for role, parts in texts.items()}


@pytest.mark.django_db
@pytest.mark.parametrize("role", [*ROLES, OTHERS])
def test_canary_markers_are_seen_exactly_by_the_roles_allowed(
    role: str, django_capture_on_commit_callbacks: Capture
) -> None:
    """One role at a time (each on a site of its own, so the suite's workers share them):
    every page the role reaches and every e-mail it got hold exactly the markers it may
    see, all of them."""
    with django_capture_on_commit_callbacks(execute=True):
        site = build_site()
    run_queued_tasks()
    assert set().union(*site.markers.values()) <= {*ROLES, OTHERS}, "a marker names no role"
    pages: dict[str, str] = {}
    if role != OTHERS:
        # Staff pass two-factor authentication, as signing in asks them to.
        client = signed_in(site.users[role]) if role in site.users else Client()
        pages = crawl(client)
    text = "\n".join([emails_by_role(site).get(role, ""), *pages.values()]).lower()
    seen = {marker for marker in site.markers if marker.lower() in text}
    allowed = {marker for marker, roles in site.markers.items() if role in roles}
    assert sorted(seen - allowed) == [], "markers seen by a role that must not see them"
    assert sorted(allowed - seen) == [], "markers the crawl never reached for a role allowed them"


@pytest.mark.django_db
def test_canary_organizer_fields_need_a_session_that_passed_mfa() -> None:
    """What members show organizers is read only in a session that passed two-factor
    authentication: an organizer signed in without it crawls everything they reach (the
    ally's profile and circle-free pages included) and sees none of it."""
    site = build_site()
    organizer_only = {marker for marker in site.markers if "-ORGANIZERS" in marker}
    ally = site.users["ally"]
    pages = crawl(signed_in(site.users["organizer"], mfa_passed=False))
    seen = {marker for marker in organizer_only if any(marker in text for text in pages.values())}
    assert len(organizer_only) == 2
    assert f"/members/{ally.pk}/" in pages, "the crawl never reached the ally's profile"
    assert seen == set()
    with_mfa = crawl(signed_in(site.users["organizer"], mfa_passed=True))
    assert {marker for marker in organizer_only if marker in with_mfa[f"/members/{ally.pk}/"]} == (
        organizer_only
    )


# What changes from one reading of a page to the next whatever the data: form tokens, the
# content security policy's nonces, when a calendar file was made.
PER_RESPONSE = re.compile(r'(name="csrfmiddlewaretoken" value="|nonce="|^DTSTAMP:)[^"\r\n]*', re.M)


def read_again(client: Client, urls: list[str], audit_upto: int) -> dict[str, str]:
    """The pages as they read now. Reading some pages is audited (a coordinator opening a
    request), so each reading starts from the audit log as it was before the first."""
    AuditEntry.objects.filter(pk__gt=audit_upto).delete()
    pages = {}
    for url in urls:
        response = client.get(url)
        if response.status_code == 200 and not getattr(response, "streaming", False):
            pages[url] = PER_RESPONSE.sub(r"\1", response.content.decode(errors="replace"))
    return pages


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_canary_avoid_list_changes_only_its_owners_pages(role: str) -> None:
    """Whom a member must not be placed with is theirs alone (not even organizers see it).
    It links two people whose names every member sees, so a marker can't stand for it: the
    avoided person's name is on the directory, both circles and the organizers' draft
    anyway. Instead every page each role reaches is read with the list and again without
    it: only the owner's pages may differ. That catches the list in any form (a name, a
    count, a "constraint applies" flag) on any page, the organizers' draft of the round
    both joined included. The first crawl only finds the pages and settles what reading
    changes (a circle seen, so its "ready" notice goes). One role at a time, each on a site
    of its own."""
    site = build_site()
    owner, avoided = site.users["member"], site.users["coordinator"]
    preferences = MatchingPreferences.objects.get(member=owner)
    assert list(preferences.avoid.all()) == [avoided]
    client = signed_in(site.users[role]) if role in site.users else Client()
    urls = list(crawl(client))
    audit_upto = AuditEntry.objects.aggregate(last=Max("pk"))["last"] or 0
    with_list = read_again(client, urls, audit_upto)
    preferences.avoid.clear()
    without_list = read_again(client, urls, audit_upto)
    changed = sorted(url for url in urls if with_list.get(url) != without_list.get(url))
    if role == "member":
        assert "/profile/" in changed, "the owner never saw their list: nothing was proved"
    else:
        assert changed == []


@pytest.mark.django_db
def test_canary_emails_reach_only_their_recipients(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    site = build_site()
    member, ally = site.users["member"], site.users["ally"]
    client = signed_in(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/members/{ally.pk}/contact/", {"body": "EMAILCANARY one"})
        client.post(f"/members/{ally.pk}/report/", {"reason": "EMAILREPORTCANARY two"})
    run_queued_tasks()
    recipients_by_marker: dict[str, set[str]] = {"EMAILCANARY": set(), "EMAILREPORTCANARY": set()}
    for message in mail.outbox:
        for marker, recipients in recipients_by_marker.items():
            if f"{marker} " in str(message.body) + str(message.subject):
                recipients.update(message.to)
    # A direct post is e-mailed (by the conversations e-mail, when the ally wants it) to the
    # ally at most, never to anyone else.
    assert recipients_by_marker["EMAILCANARY"] <= {ally.email}
    assert recipients_by_marker["EMAILREPORTCANARY"] == set()
