"""The spaces and threads the site makes by itself (issue 14): a private space for each
published circle, only for its current members, and a thread for each gathering, linked
from the gathering's page for those who may see it."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from dm3p.circles.hooks import CIRCLE_PANELS, round_published
from dm3p.circles.services.publishing import published_move
from dm3p.conversations.enums import SpaceKind
from dm3p.conversations.handlers import circle_space_panel, gathering_thread_panel
from dm3p.conversations.models import Space, Thread
from dm3p.conversations.selectors.access import spaces_visible_to, threads_visible_to
from dm3p.conversations.services.auto_spaces import (
    circle_space_for,
    gathering_thread_for,
    gatherings_space,
)
from dm3p.core.defaults import defaults_fill
from dm3p.events.enums import EventVisibility
from dm3p.events.hooks import EVENT_PANELS
from tests.clock import ORDINARY
from tests.factories import make_user, user_for_role
from tests.factories.circles import make_circle, make_entry, make_round, publish
from tests.factories.conversations import make_post
from tests.factories.events import make_event
from tests.helpers import Capture, queries_for_page, signed_in
from tests.html_tree import parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


def running_round(people: int = 3):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    round = make_round(
        name="Autumn circles",
        signup_opens_on=today - dt.timedelta(days=60),
        signup_closes_on=today - dt.timedelta(days=40),
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=150),
    )
    ours = [make_user(name=f"Ours {n}") for n in range(people)]
    theirs = [make_user(name="Theirs")]
    for person in [*ours, *theirs]:
        make_entry(round, person)
    return round, make_circle(round, ours), make_circle(round, theirs), ours, theirs[0]


def circle_panel(client, circle):  # type: ignore[no-untyped-def]
    page = parse(client.get(f"/circles/{circle.pk}/"))
    return page.all("section", **{"aria-labelledby": "circle-conversations"})


# A circle's space.


def test_publishing_a_round_makes_a_private_space_for_each_circle(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    round, ours, theirs, _, _ = running_round()
    round.published_at = None
    round.save()
    assert not Space.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        publish(round)
        round_published(round)
    spaces = Space.objects.filter(kind=SpaceKind.CIRCLE).order_by("circle_id")
    assert [space.circle_id for space in spaces] == [ours.pk, theirs.pk]
    assert spaces[0].name == "Circle 1 (Autumn circles)"
    # Made once: calling again is harmless.
    assert circle_space_for(ours) == spaces[0]
    assert Space.objects.count() == 2


def test_the_publish_service_calls_the_hook_on_commit(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    from tests.circles.test_publishing import a_matched_round

    round, _, _ = a_matched_round(signup_open=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(make_user(is_organizer=True)).post(
            f"/manage/circles/{round.pk}/publish/"
        )
    assert response.status_code == 302
    assert Space.objects.filter(kind=SpaceKind.CIRCLE, circle__round=round).count() == 2


def test_only_the_circles_current_members_see_its_space() -> None:
    round, ours, theirs, people, other = running_round()
    publish(round)
    space = circle_space_for(ours)
    organizer = make_user(is_organizer=True)
    for person in people:
        assert space in spaces_visible_to(viewer=person)
        assert circle_panel(signed_in(person), ours)
    for outsider in (other, organizer, user_for_role("ally"), user_for_role("admin")):
        assert space not in spaces_visible_to(viewer=outsider)
    # Moved to the other circle: the space is no longer theirs.
    published_move(actor=organizer, round=round, member=people[0], to=theirs)
    assert space not in spaces_visible_to(viewer=people[0])
    assert circle_space_for(theirs) in spaces_visible_to(viewer=people[0])
    # Suspended since: nothing.
    people[1].membership_status = "suspended"
    people[1].save()
    assert space not in spaces_visible_to(viewer=people[1])


def test_an_unpublished_circle_has_no_space_to_see() -> None:
    _round, ours, _, people, _ = running_round()
    space = circle_space_for(ours)  # even if one were made early
    assert space not in spaces_visible_to(viewer=people[0])


def test_the_circle_page_links_to_its_space_made_when_first_needed() -> None:
    round, ours, _, people, _ = running_round()
    publish(round)
    assert not Space.objects.exists()  # published before spaces existed
    client = signed_in(people[0])
    panel = circle_panel(client, ours)
    space = Space.objects.get(circle=ours)
    assert len(panel) == 1
    assert "Your circle's conversations" in panel[0].text()
    assert panel[0].one("a").attrs["href"] == f"/conversations/spaces/{space.slug}/"
    assert "organizers can't" in panel[0].text()
    # Someone moved out sees neither the circle page nor its link.
    published_move(
        actor=make_user(is_organizer=True), round=round, member=people[1], to=_other(round, ours)
    )
    assert signed_in(people[1]).get(f"/circles/{ours.pk}/").status_code == 404


def _other(round, circle):  # type: ignore[no-untyped-def]
    return round.circles.exclude(pk=circle.pk).get()


@pytest.mark.parametrize("people", [2, 7])
def test_the_circle_page_panel_costs_one_query(people: int) -> None:
    """The panel adds one query to the circle page, with few people or many, once the
    space exists."""
    round, ours, _, members, _ = running_round(people)
    publish(round)
    circle_space_for(ours)
    client = signed_in(members[0])
    url = f"/circles/{ours.pk}/"
    with_panel = queries_for_page(client, url)
    CIRCLE_PANELS.unregister(circle_space_panel)
    try:
        without = queries_for_page(client, url)
    finally:
        CIRCLE_PANELS.register(circle_space_panel)
    assert with_panel - without == 1


# The gatherings space and a thread for each gathering.


def test_a_new_site_starts_with_the_gatherings_space() -> None:
    defaults_fill()
    defaults_fill()
    space = Space.objects.get(kind=SpaceKind.GATHERINGS)
    assert space.name == "Gatherings"
    assert gatherings_space() == space


def gathering_panel(client, event):  # type: ignore[no-untyped-def]
    page = parse(client.get(f"/events/{event.pk}/"))
    return page.all("section", **{"aria-labelledby": "gathering-talk"})


def test_the_gathering_page_links_to_its_thread_with_the_post_count() -> None:
    event = make_event(title="Autumn gathering")
    member = user_for_role("member")
    panel = gathering_panel(signed_in(member), event)
    thread = Thread.objects.get(event=event)
    assert thread.space == gatherings_space()
    assert thread.title == "Autumn gathering"
    assert len(panel) == 1
    assert panel[0].one("a").attrs["href"] == f"/conversations/threads/{thread.pk}/"
    assert "No posts yet" in panel[0].text()
    make_post(thread=thread, author=member)
    make_post(thread=thread, author=member)
    assert "2 posts so far." in gathering_panel(signed_in(member), event)[0].text()
    # Made once.
    assert gathering_thread_for(event) == thread
    assert Thread.objects.filter(event=event).count() == 1


@pytest.mark.parametrize("visibility", [EventVisibility.MEMBERS, EventVisibility.PUBLIC])
def test_who_sees_a_gatherings_thread(visibility: str) -> None:
    """Members and allies (both are members now) and organizers take part; applicants,
    people declined or suspended and visitors don't, even on a public gathering's page."""
    event = make_event(visibility=visibility)
    thread = gathering_thread_for(event)
    for role in ("member", "ally", "organizer", "coordinator"):
        person = user_for_role(role)
        assert thread in threads_visible_to(viewer=person), role
        assert gathering_panel(signed_in(person), event), role
    for role in ("applicant", "declined", "suspended"):
        person = user_for_role(role)
        assert thread not in threads_visible_to(viewer=person), role
        response = signed_in(person).get(f"/events/{event.pk}/")
        if response.status_code == 200:
            assert not gathering_panel(signed_in(person), event), role
    response = Client().get(f"/events/{event.pk}/")
    if visibility == EventVisibility.PUBLIC:
        assert response.status_code == 200
        assert not gathering_panel(Client(), event)
        assert "Talk about this gathering" not in response.content.decode()
    else:
        assert response.status_code != 200


def test_visitors_make_no_thread() -> None:
    event = make_event(visibility=EventVisibility.PUBLIC)
    Client().get(f"/events/{event.pk}/")
    assert not Thread.objects.exists()


@pytest.mark.parametrize("posts", [1, 8])
def test_the_gathering_page_panel_costs_one_query(posts: int) -> None:
    """One query for the thread and its count, with one post or many."""
    member = user_for_role("member")
    event = make_event()
    thread = gathering_thread_for(event)
    for _ in range(posts):
        make_post(thread=thread, author=member)
    client = signed_in(member)
    url = f"/events/{event.pk}/"
    with_panel = queries_for_page(client, url)
    EVENT_PANELS.unregister(gathering_thread_panel)
    try:
        without = queries_for_page(client, url)
    finally:
        EVENT_PANELS.register(gathering_thread_panel)
    assert with_panel - without == 1
