"""The conversation pages: who sees which spaces and threads, what is new to whom, pages
of posts with stable links, and writing (quoting, mentions, images, locks, limits)."""

import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from dm3p.accounts.enums import MembershipStatus
from dm3p.accounts.models import User
from dm3p.conversations.defaults import spaces_fill
from dm3p.conversations.enums import PostState, SpaceAudience
from dm3p.conversations.models import Attachment, Mention, Post, Space, Thread, ThreadRead
from dm3p.conversations.selectors.forum import POSTS_PER_PAGE
from dm3p.conversations.services.posting_rules import POSTS_IN_TEN_MINUTES
from dm3p.core.models import AuditEntry
from tests.clock import ORDINARY
from tests.factories import make_named_member, make_user
from tests.factories.conversations import (
    make_post,
    make_space,
    make_thread,
    make_thread_participant,
)
from tests.helpers import queries_for_page, signed_in

# Posts, reads and e-mails are stamped with the time: run at an ordinary hour, ticking on.
pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY, tick=True)]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def person(name: str, status: str = MembershipStatus.MEMBER, **fields: object) -> User:
    return make_named_member(name, membership_status=status, **fields)


def thread_url(thread: Thread) -> str:
    return reverse("conversations:thread", args=[thread.pk])


# Who sees what.


def test_allies_do_not_see_members_only_spaces_or_their_threads() -> None:
    ally = person("Al Ly", MembershipStatus.ALLY)
    hidden = make_space(name="Working with a disability", audience=SpaceAudience.MEMBERS)
    make_space(name="General")
    thread = make_thread(space=hidden)
    make_post(thread=thread)
    client = signed_in(ally)
    page = client.get(reverse("conversations:spaces")).content.decode()
    assert "General" in page
    assert "Working with a disability" not in page
    assert client.get(reverse("conversations:space", args=[hidden.slug])).status_code == 404
    assert client.get(thread_url(thread)).status_code == 404
    post = thread.posts.get()
    assert client.get(reverse("conversations:post", args=[post.pk])).status_code == 404
    assert client.get(reverse("conversations:reply", args=[thread.pk])).status_code == 404


@pytest.mark.parametrize(
    "status", [MembershipStatus.APPLICANT, MembershipStatus.SUSPENDED, MembershipStatus.DECLINED]
)
def test_applicants_and_suspended_people_get_nothing(status: str) -> None:
    thread = make_thread(space=make_space())
    make_post(thread=thread)
    client = signed_in(make_user(membership_status=status))
    for url in [reverse("conversations:spaces"), thread_url(thread)]:
        response = client.get(url)
        assert response.status_code in (302, 404)


def test_a_listed_space_is_for_the_people_listed_only() -> None:
    outsider = person("Out Sider")
    space = make_space(audience=SpaceAudience.LISTED)
    thread = make_thread(space=space)
    make_post(thread=thread)
    assert signed_in(outsider).get(thread_url(thread)).status_code == 404


def test_a_direct_thread_is_headed_with_the_other_people() -> None:
    ana, ben = person("Ana Ruiz"), person("Ben Ode")
    thread = make_thread(space=None, title="")
    make_thread_participant(thread=thread, person=ana)
    make_thread_participant(thread=thread, person=ben)
    make_post(thread=thread, author=ben, body="Hello Ana")
    page = signed_in(ana).get(thread_url(thread)).content.decode()
    assert "<h1>Conversation with Ben Ode</h1>" in page
    assert signed_in(person("Cy Other")).get(thread_url(thread)).status_code == 404


# What is new.


def test_opening_a_thread_marks_what_was_shown_as_read_and_never_moves_back() -> None:
    ana, ben = person("Ana Ruiz"), person("Ben Ode")
    space = make_space()
    thread = make_thread(space=space)
    posts = [make_post(thread=thread, author=ben) for _ in range(POSTS_PER_PAGE + 3)]
    client = signed_in(ana)
    listing = client.get(reverse("conversations:space", args=[space.slug])).content.decode()
    assert f"{POSTS_PER_PAGE + 3} new" in listing
    assert "1 with new posts" in client.get(reverse("conversations:spaces")).content.decode()
    page = client.get(thread_url(thread)).content.decode()
    assert f'href="#post-{posts[0].pk}">Skip to the first new post' in page
    assert "(new) by Ben Ode" in page
    read = ThreadRead.objects.get(person=ana, thread=thread)
    assert read.last_read_post_id == posts[POSTS_PER_PAGE - 1].pk
    listing = client.get(reverse("conversations:space", args=[space.slug])).content.decode()
    assert "3 new" in listing
    page_one = client.get(thread_url(thread)).content.decode()
    assert f"?page=2#post-{posts[POSTS_PER_PAGE].pk}" in page_one
    client.get(thread_url(thread) + "?page=2")
    client.get(thread_url(thread) + "?page=1")
    read.refresh_from_db()
    assert read.last_read_post_id == posts[-1].pk
    assert "nothing new for you" in client.get(reverse("conversations:spaces")).content.decode()


def test_a_post_link_leads_to_its_page_and_anchor() -> None:
    thread = make_thread()
    posts = [make_post(thread=thread) for _ in range(POSTS_PER_PAGE + 1)]
    client = signed_in(person("Ana Ruiz"))
    response = client.get(reverse("conversations:post", args=[posts[-1].pk]))
    assert response["Location"] == f"{thread_url(thread)}?page=2#post-{posts[-1].pk}"
    page = client.get(response["Location"]).content.decode()
    assert '<article class="card post' in page
    assert f'id="post-{posts[-1].pk}"' in page
    assert f"Post {POSTS_PER_PAGE + 1} " in page


def test_removed_and_held_posts_show_as_they_should() -> None:
    ana, ben = person("Ana Ruiz"), person("Ben Ode")
    thread = make_thread()
    make_post(thread=thread, author=ben, body="Gone now", state=PostState.REMOVED)
    make_post(thread=thread, author=ben, body="Taken down", state=PostState.REMOVED_BY_MODERATOR)
    make_post(thread=thread, author=ben, body="Waiting for review", state=PostState.HELD)
    make_post(thread=thread, author=ben, body="Hard day", content_note="a hospital stay")
    page = signed_in(ana).get(thread_url(thread)).content.decode()
    assert "Post removed by its author" in page
    assert "Gone now" not in page
    assert "Post removed by a moderator" in page
    assert "Taken down" not in page
    assert "Waiting for review" not in page
    assert "<summary>Content note: a hospital stay</summary>" in page
    own = signed_in(ben).get(thread_url(thread)).content.decode()
    assert "Waiting for review" in own
    assert "Only you can see this post" in own


# Writing.


def test_starting_a_thread_and_replying_with_a_quote() -> None:
    ana, ben = person("Ana Ruiz"), person("Ben Ode")
    space = make_space()
    response = signed_in(ana).post(
        reverse("conversations:thread_new", args=[space.slug]),
        {"title": "Night shifts", "body": "How do you rest?\nI nap."},
    )
    thread = Thread.objects.get(title="Night shifts")
    assert response.status_code == 302
    first = thread.posts.get()
    client = signed_in(ben)
    form = client.get(
        reverse("conversations:reply", args=[thread.pk]) + f"?to={first.pk}&quote=1"
    ).content.decode()
    assert "Ana Ruiz wrote:\n\n&gt; How do you rest?\n&gt; I nap." in form
    response = client.post(
        reverse("conversations:reply", args=[thread.pk]),
        {"to": str(first.pk), "body": "Ana Ruiz wrote:\n\n> I nap.\n\nMe too."},
    )
    answer = Post.objects.exclude(pk=first.pk).get()
    assert answer.reply_to == first
    assert response["Location"] == reverse("conversations:post", args=[answer.pk])
    page = signed_in(ana).get(thread_url(thread)).content.decode()
    assert "Post 2 (new) by Ben Ode, in reply to" in page
    assert f'href="{reverse("conversations:post", args=[first.pk])}">post 1</a>' in page


def test_bad_input_keeps_what_was_typed() -> None:
    space = make_space()
    response = signed_in(person("Ana Ruiz")).post(
        reverse("conversations:thread_new", args=[space.slug]), {"title": "", "body": "Kept text"}
    )
    assert response.status_code == 200
    assert "Give the thread a title." in response.content.decode()
    assert "Kept text" in response.content.decode()


def test_mentions_are_recorded_only_for_people_who_can_see_the_thread() -> None:
    ana = person("Ana Ruiz")
    ben = person("Ben Ode")
    ally = person("Al Ly", MembershipStatus.ALLY)
    thread = make_thread(space=make_space(audience=SpaceAudience.MEMBERS))
    make_post(thread=thread, author=ana)
    response = signed_in(ana).post(
        reverse("conversations:reply", args=[thread.pk]),
        {"body": "Thanks @Ben Ode, and @Al Ly too."},
    )
    assert response.status_code == 302
    assert set(Mention.objects.values_list("person", flat=True)) == {ben.pk}
    assert ally.pk not in Mention.objects.values_list("person", flat=True)


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "#336699").save(buffer, format="PNG")
    return SimpleUploadedFile("holiday.png", buffer.getvalue(), content_type="image/png")


def test_an_image_needs_its_description(settings: object, tmp_path: object) -> None:
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    thread = make_thread()
    make_post(thread=thread)
    client = signed_in(person("Ana Ruiz"))
    url = reverse("conversations:reply", args=[thread.pk])
    response = client.post(url, {"body": "Look", "image": _png(), "alt_text": ""})
    assert response.status_code == 200
    assert "Say what the image shows" in response.content.decode()
    assert not Attachment.objects.exists()
    client.post(url, {"body": "Look", "image": _png(), "alt_text": "A quiet room with a sofa."})
    attachment = Attachment.objects.get()
    assert "holiday" not in (attachment.image.name or "")
    page = client.get(thread_url(thread)).content.decode()
    assert 'alt="A quiet room with a sofa."' in page


def test_a_locked_thread_refuses_replies_with_a_clear_message() -> None:
    thread = make_thread(locked=True)
    make_post(thread=thread)
    client = signed_in(person("Ana Ruiz"))
    page = client.get(thread_url(thread)).content.decode()
    assert "Locked" in page
    assert 'id="reply-heading"' not in page
    response = client.post(reverse("conversations:reply", args=[thread.pk]), {"body": "Hi"})
    assert response.status_code == 400
    assert "This thread is locked" in response.content.decode()
    assert thread.posts.count() == 1


def test_posting_a_lot_in_a_short_time_is_refused_and_the_text_kept() -> None:
    thread = make_thread()
    make_post(thread=thread)
    client = signed_in(person("Ana Ruiz"))
    url = reverse("conversations:reply", args=[thread.pk])
    for _ in range(POSTS_IN_TEN_MINUTES):
        assert client.post(url, {"body": "Again"}).status_code == 302
    response = client.post(url, {"body": "One more thing"})
    assert response.status_code == 429
    assert "posted a lot in a short time; wait 10 minutes" in response.content.decode()
    assert "One more thing" in response.content.decode()


def test_the_newer_posts_check_gives_only_what_others_may_read() -> None:
    ana, ben = person("Ana Ruiz"), person("Ben Ode")
    thread = make_thread()
    first = make_post(thread=thread, author=ana)
    make_post(thread=thread, author=ben, body="Visible reply")
    make_post(thread=thread, author=ben, body="Held reply", state=PostState.HELD)
    url = reverse("conversations:thread_after", args=[thread.pk]) + f"?after={first.pk}"
    fragment = signed_in(ana).get(url).content.decode()
    assert "Visible reply" in fragment
    assert "Held reply" not in fragment


# Organizers' spaces.


def test_organizers_add_and_archive_a_space_audited() -> None:
    organizer = make_user(is_organizer=True)
    client = signed_in(organizer)
    listed = person("Ana Ruiz")
    response = client.post(
        reverse("conversations:space_add"),
        {
            "name": "Parents",
            "slug": "parents",
            "description": "For parents.",
            "audience": SpaceAudience.LISTED,
            "position": "5",
            "listed_people": [str(listed.pk)],
        },
    )
    assert response.status_code == 302
    space = Space.objects.get(slug="parents")
    assert list(space.listed.values_list("person", flat=True)) == [listed.pk]
    client.post(reverse("conversations:space_edit", args=[space.pk]), {"action": "archive"})
    space.refresh_from_db()
    assert space.archived_at is not None
    assert AuditEntry.objects.filter(action__in=["space.create", "space.archive"]).count() == 2
    assert (
        signed_in(listed).get(reverse("conversations:space", args=["parents"])).status_code == 404
    )


# Queries.


def _threads(space: Space, count: int, author: User) -> Thread:
    thread = make_thread(space=space)
    for index in range(count):
        other = make_thread(space=space) if index else thread
        make_post(thread=other, author=author)
        make_post(thread=other, author=author, reply_to=None)
    return thread


@pytest.mark.parametrize("name", ["spaces", "space", "thread"])
def test_pages_make_the_same_queries_for_one_row_or_many(name: str) -> None:
    viewer = person("Ana Ruiz")
    counts = []
    for rows in (1, 6):
        space = make_space()
        for _ in range(rows - 1):
            make_space()
        author = person(f"Writer {rows}")
        thread = _threads(space, rows, author)
        for _ in range(rows):
            make_post(thread=thread, author=person(f"Other {rows}"))
        url = {
            "spaces": reverse("conversations:spaces"),
            "space": reverse("conversations:space", args=[space.slug]),
            "thread": thread_url(thread),
        }[name]
        counts.append(queries_for_page(signed_in(viewer), url))
    assert counts[0] == counts[1]


def test_names_offered_after_at_are_only_of_people_who_can_see_the_thread() -> None:
    ana = person("Ana Ruiz")
    person("Anabel Ode")
    person("Anton Ally", MembershipStatus.ALLY)
    person("Andy Applicant", MembershipStatus.APPLICANT)
    space = make_space(audience=SpaceAudience.MEMBERS)
    thread = make_thread(space=space)
    make_post(thread=thread, author=ana)
    client = signed_in(ana)
    found = client.get(reverse("conversations:thread_names", args=[thread.pk]) + "?q=an")
    assert found.json() == {"names": ["Anabel Ode"]}
    found = client.get(reverse("conversations:space_names", args=[space.slug]) + "?q=An")
    assert found.json() == {"names": ["Anabel Ode"]}


def test_a_new_site_starts_with_five_spaces_once() -> None:
    assert spaces_fill() == 5
    assert spaces_fill() == 0
    assert list(Space.objects.values_list("name", "audience")) == [
        ("General", SpaceAudience.EVERYONE),
        ("Training and residency", SpaceAudience.EVERYONE),
        ("Working with a disability", SpaceAudience.MEMBERS),
        ("Allies", SpaceAudience.EVERYONE),
        ("Off topic", SpaceAudience.EVERYONE),
    ]


def test_post_times_are_in_the_readers_time_zone_with_am_and_pm() -> None:
    ana, ben = person("Ana Ruiz"), person("Ben Ode")
    ana.profile.time_zone = "America/New_York"
    ana.profile.save(update_fields=["time_zone"])
    ben.profile.time_zone = "Asia/Kathmandu"
    ben.profile.save(update_fields=["time_zone"])
    space = make_space()
    thread = make_thread(space=space)
    post = make_post(thread=thread, author=ben)
    Post.objects.filter(pk=post.pk).update(created_at=dt.datetime(2026, 12, 3, 0, 5, tzinfo=dt.UTC))
    Thread.objects.filter(pk=thread.pk).update(
        last_post_at=dt.datetime(2026, 12, 3, 0, 5, tzinfo=dt.UTC)
    )
    client = signed_in(ana)
    page = client.get(thread_url(thread)).content.decode()
    listing = client.get(reverse("conversations:space", args=[space.slug])).content.decode()
    assert "2 Dec 2026, 7:05 pm EST</time>" in page
    assert "last post <time" in listing
    assert "2 Dec 2026, 7:05 pm EST</time>" in listing
    ben_page = signed_in(ben).get(thread_url(thread)).content.decode()
    assert "3 Dec 2026, 5:50 am UTC+5:45</time>" in ben_page
