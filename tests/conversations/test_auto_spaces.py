"""The spaces and threads the site makes by itself (issue 14): a private space for each
published circle, only for its current members, and a thread for each gathering, linked
from the gathering's page for those who may see it."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.circles.hooks import CIRCLE_PANELS, round_published
from dm3p.circles.models import Circle, MatchingRound
from dm3p.circles.services.publishing import published_move
from dm3p.conversations.demo import demo_auto_spaces
from dm3p.conversations.enums import SpaceAudience, SpaceKind
from dm3p.conversations.handlers import circle_space_panel, gathering_thread_panel
from dm3p.conversations.models import Post, Space, Thread
from dm3p.conversations.selectors.access import spaces_visible_to, threads_visible_to
from dm3p.conversations.services.auto_spaces import (
    circle_space_for,
    gathering_thread_for,
    gatherings_space,
)
from dm3p.core.defaults import defaults_fill
from dm3p.core.hooks import DemoOptions
from dm3p.core.search import search_for
from dm3p.events.enums import EventVisibility
from dm3p.events.hooks import EVENT_PANELS
from dm3p.events.models import Event
from tests.clock import ORDINARY
from tests.factories import make_user, user_for_role
from tests.factories.circles import make_circle, make_entry, make_round, publish
from tests.factories.conversations import make_post
from tests.factories.events import make_event
from tests.helpers import Capture, queries_for_page, signed_in
from tests.html_tree import Element, parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


def role_user(role: str) -> User:
    found = user_for_role(role)
    assert found is not None
    return found


def running_round(people: int = 3) -> tuple[MatchingRound, Circle, Circle, list[User], User]:
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


def circle_panel(client: Client, circle: Circle) -> list[Element]:
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


def test_renaming_a_circle_or_its_round_renames_its_space() -> None:
    round, ours, _, people, _ = running_round()
    publish(round)
    space = circle_space_for(ours)
    response = signed_in(people[0]).post(f"/circles/{ours.pk}/name/", {"name": "Night owls"})
    assert response.status_code == 302
    space.refresh_from_db()
    assert space.name == "Night owls (Autumn circles)"
    round.name = "Winter circles"
    round.save(update_fields=["name"])
    space.refresh_from_db()
    assert space.name == "Night owls (Winter circles)"


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
    for outsider in (other, organizer, role_user("ally"), role_user("admin")):
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


def conversation_writes(client: Client, url: str) -> list[str]:
    """The statements that wrote to conversations' tables while ``url`` was read (a first
    reading, so nothing was made on an earlier one). The circle page itself notes when its
    circle was first seen; that is circles' business."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [
        sql
        for query in queries.captured_queries
        if (sql := query["sql"].lstrip()).upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and '"conversations_' in sql
    ]


def test_the_circle_page_links_to_the_space_publishing_made(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    round, ours, _, people, _ = running_round()
    with django_capture_on_commit_callbacks(execute=True):
        publish(round)
        round_published(round)
    space = Space.objects.get(circle=ours)
    client = signed_in(people[0])
    panel = circle_panel(client, ours)
    assert len(panel) == 1
    assert "Your circle's conversations" in panel[0].text()
    assert panel[0].one("a").attrs["href"] == f"/conversations/spaces/{space.slug}/"
    assert "organizers can't" in panel[0].text()
    # Someone moved out sees neither the circle page nor its link.
    published_move(
        actor=make_user(is_organizer=True), round=round, member=people[1], to=_other(round, ours)
    )
    assert signed_in(people[1]).get(f"/circles/{ours.pk}/").status_code == 404


def test_reading_a_circle_page_makes_no_space() -> None:
    """A round published without its spaces (only by hand: publishing makes them) shows
    no link, and reading the page writes nothing."""
    round, ours, _, people, _ = running_round()
    publish(round)
    assert conversation_writes(signed_in(people[0]), f"/circles/{ours.pk}/") == []
    assert circle_panel(signed_in(people[0]), ours) == []
    assert not Space.objects.exists()


def test_someone_added_to_a_published_circle_sees_its_space(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    """A circle's space is for its members as they are now: no list to keep up to date."""
    round, ours, _, _, other = running_round()
    with django_capture_on_commit_callbacks(execute=True):
        publish(round)
        round_published(round)
    latecomer = make_user(name="Latecomer")
    make_entry(round, latecomer)
    published_move(actor=make_user(is_organizer=True), round=round, member=latecomer, to=ours)
    published_move(actor=make_user(is_organizer=True), round=round, member=other, to=ours)
    for person in (latecomer, other):
        assert circle_panel(signed_in(person), ours), person.display_name
    assert Space.objects.filter(kind=SpaceKind.CIRCLE).count() == 2


def _other(round: MatchingRound, circle: Circle) -> Circle:
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


def gathering_panel(client: Client, event: Event) -> list[Element]:
    page = parse(client.get(f"/events/{event.pk}/"))
    return page.all("section", **{"aria-labelledby": "gathering-talk"})


def test_the_gathering_page_links_to_its_thread_with_the_post_count() -> None:
    event = make_event(title="Autumn gathering")
    member = role_user("member")
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
        person = role_user(role)
        assert thread in threads_visible_to(viewer=person), role
        assert gathering_panel(signed_in(person), event), role
    for role in ("applicant", "declined", "suspended"):
        person = role_user(role)
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


def test_saving_a_gathering_makes_its_thread() -> None:
    """However it is made (here by the factory, as a form or a series saves it)."""
    event = make_event(title="Winter gathering")
    thread = Thread.objects.get(event=event)
    assert (thread.space, thread.title) == (gatherings_space(), "Winter gathering")
    make_post(thread=thread, body="Who is coming?")
    event.title = "Winter gathering, moved"
    event.save()
    assert list(Thread.objects.filter(event=event).values_list("title", flat=True)) == [
        "Winter gathering, moved"
    ]
    # Its posts are found under the new title.
    [found] = search_for(viewer=make_user(), query="coming").found[0:1]
    assert found.title == "Winter gathering, moved"


def test_reading_a_gathering_page_writes_nothing() -> None:
    event = make_event()
    for client in (signed_in(role_user("member")), signed_in(role_user("organizer")), Client()):
        assert conversation_writes(client, f"/events/{event.pk}/") == []
    Thread.objects.filter(event=event).delete()
    member = signed_in(role_user("member"))
    assert conversation_writes(member, f"/events/{event.pk}/") == []
    assert gathering_panel(member, event) == []
    assert not Thread.objects.exists()


def test_a_gatherings_thread_page_shows_its_posts() -> None:
    member = role_user("member")
    event = make_event(title="Spring gathering")
    thread = Thread.objects.get(event=event)
    make_post(thread=thread, author=member, body="Is anyone else joining by phone?")
    page = parse(signed_in(member).get(f"/conversations/threads/{thread.pk}/"))
    assert "Spring gathering" in page.one("h1").text()
    assert "Is anyone else joining by phone?" in page.text()


@pytest.mark.parametrize("posts", [1, 8])
def test_the_gathering_page_panel_costs_one_query(posts: int) -> None:
    """One query for the thread and its count, with one post or many."""
    member = role_user("member")
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


# The demo.


def test_the_demo_fills_each_circles_space_and_threads_the_upcoming_gatherings() -> None:
    out = StringIO()
    call_command("demo", "--password", "demo-pass-123", "--members", "40", stdout=out)
    demo_auto_spaces(DemoOptions(password="demo-pass-123"))  # again: nothing doubles
    circles = Circle.objects.filter(round__published_at__isnull=False)
    assert circles.exists()
    spaces = Space.objects.filter(kind=SpaceKind.CIRCLE, circle__in=circles)
    assert spaces.count() == circles.count()
    posts = Post.objects.filter(thread__space__in=spaces)
    assert posts.count() == 3 * spaces.count()
    for space in spaces:
        assert space.circle is not None
        readers = space.circle.memberships.values_list("member_id", flat=True)
        assert set(posts.filter(thread__space=space).values_list("author_id", flat=True)) <= set(
            readers
        )
    upcoming = Event.objects.filter(starts_at__gte=timezone.now())
    assert upcoming.exists()
    threads = Thread.objects.filter(space=gatherings_space(), event__in=upcoming)
    assert threads.count() == upcoming.count()
    assert threads.filter(post_count=1).count() == 1
    # The gatherings' threads, made as the demo's gatherings were saved, leave room for the
    # demo's threads in the topic spaces.
    assert Thread.objects.filter(space__kind=SpaceKind.TOPIC).count() == 3
    # Everyone wrote only where they may read: in a space for members, no ally.
    for post in Post.objects.filter(thread__space__isnull=False).select_related("author"):
        assert post.author is not None
        assert post.thread.space_id in spaces_visible_to(viewer=post.author).values_list(
            "pk", flat=True
        ), post.author.membership_status
    members_only = Post.objects.filter(thread__space__audience=SpaceAudience.MEMBERS)
    assert members_only.exists()
    assert set(members_only.values_list("author__membership_status", flat=True)) == {"member"}


@pytest.mark.django_db(transaction=True)
def test_circles_published_before_spaces_existed_get_theirs_by_migration() -> None:
    round, ours, theirs, _, _ = running_round()
    publish(round)
    running_round()  # not published: no space
    try:
        MigrationExecutor(connection).migrate([("conversations", "0004_forum")])
        MigrationExecutor(connection).migrate([("conversations", "0005_auto")])
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    spaces = Space.objects.filter(kind=SpaceKind.CIRCLE).order_by("circle_id")
    assert [(space.circle_id, space.slug) for space in spaces] == [
        (ours.pk, f"circle-{ours.pk}"),
        (theirs.pk, f"circle-{theirs.pk}"),
    ]
    # The service finds the same space afterwards.
    assert circle_space_for(ours) == spaces[0]


@pytest.mark.django_db(transaction=True)
def test_gatherings_saved_before_threads_were_made_on_saving_get_theirs_by_migration() -> None:
    older = make_event(title="Older gathering")
    kept = make_event(title="Has one")
    kept_thread = Thread.objects.get(event=kept)
    Thread.objects.filter(event=older).delete()
    Space.objects.exclude(threads=kept_thread).delete()
    try:
        MigrationExecutor(connection).migrate([("conversations", "0007_direct")])
        MigrationExecutor(connection).migrate([("conversations", "0008_gathering_threads")])
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    made = Thread.objects.get(event=older)
    assert (made.title, made.space_id) == ("Older gathering", kept_thread.space_id)
    assert list(Thread.objects.filter(event=kept)) == [kept_thread]
    assert gathering_thread_for(older) == made
