"""Posts in the site's search: a member finds the posts they may read and never any other,
because who may find a post is decided inside the search's own query."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Model
from django.test import Client
from django.urls import reverse

from dm3p.conversations.enums import PostState, SpaceAudience, SpaceKind
from dm3p.conversations.models import Post, Thread
from dm3p.core.models import SearchEntry
from dm3p.core.search import search_for
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.factories.circles import make_circle, make_round, publish
from tests.factories.conversations import (
    make_post,
    make_space,
    make_space_member,
    make_thread,
    make_thread_participant,
)
from tests.helpers import queries_for_page, signed_in
from tests.html_tree import parse

# Posts, reads and e-mails are stamped with the time: run at an ordinary hour, ticking on.
pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY, tick=True)]

SEARCH = reverse("core:search")
WORD = "zygomatic"  # in every post of these tests, and nowhere else


def found_posts(viewer: object, query: str = WORD) -> set[int]:
    search = search_for(viewer=viewer, query=query, kind="posts")
    return {result.object_id for result in search.found[0:100]}


def post_in(space_fields: dict[str, object], **post_fields: object) -> Post:
    thread = make_thread(space=make_space(**space_fields), title="Talking in spaces")
    return make_post(thread=thread, body=f"A post about {WORD} bones.", **post_fields)


def test_members_only_spaces_are_not_searched_for_allies() -> None:
    post = post_in({"audience": SpaceAudience.MEMBERS})
    everyone = post_in({"audience": SpaceAudience.EVERYONE})
    member, ally = make_user(), make_user(membership_status="ally")
    assert found_posts(member) == {post.pk, everyone.pk}
    assert found_posts(ally) == {everyone.pk}


def test_organizers_only_and_listed_spaces_are_searched_only_by_their_people() -> None:
    organizers = post_in({"audience": SpaceAudience.ORGANIZERS})
    listed = post_in({"audience": SpaceAudience.LISTED})
    on_list = make_user()
    make_space_member(space=listed.thread.space, person=on_list)
    assert found_posts(make_user()) == set()
    assert found_posts(on_list) == {listed.pk}
    assert found_posts(make_user(is_organizer=True)) == {organizers.pk}


def test_a_circle_space_is_searched_by_its_members_only_never_by_organizers() -> None:
    inside = make_user()
    circle = make_circle(publish(make_round()), [inside, make_user()])
    post = post_in({"kind": SpaceKind.CIRCLE, "circle": circle, "audience": "everyone"})
    assert found_posts(inside) == {post.pk}
    assert found_posts(make_user()) == set()
    assert found_posts(make_user(is_organizer=True)) == set()
    assert found_posts(make_user(is_admin=True)) == set()


def test_direct_posts_are_never_indexed_so_their_words_stay_encrypted() -> None:
    thread = make_thread(space=None, title="Just us")
    writer, reader = make_user(), make_user()
    for person in (writer, reader):
        make_thread_participant(thread=thread, person=person)
    post = make_post(thread=thread, author=writer, body=f"Private {WORD} question.")
    assert found_posts(writer) == found_posts(reader) == set()
    assert not SearchEntry.objects.filter(kind="posts", object_id=post.pk).exists()


@pytest.mark.parametrize("state", [PostState.HELD, PostState.HIDDEN, PostState.REMOVED])
def test_posts_others_cannot_read_are_never_found_nor_kept_in_the_index(state: str) -> None:
    author = make_user()
    post = post_in({}, author=author, state=state)
    assert found_posts(make_user()) == set()
    assert found_posts(author) == set()
    assert not SearchEntry.objects.filter(kind="posts", object_id=post.pk).exists()


def test_a_post_hidden_later_leaves_and_a_deleted_one_goes() -> None:
    post = post_in({})
    member = make_user()
    assert found_posts(member) == {post.pk}
    post.state = PostState.HIDDEN
    post.save()
    assert found_posts(member) == set()
    post.state = PostState.SHOWN
    post.save()
    assert found_posts(member) == {post.pk}
    Post.objects.filter(pk=post.pk).delete()
    assert not SearchEntry.objects.filter(kind="posts").exists()


def test_a_stale_entry_is_still_filtered_by_what_the_viewer_may_read() -> None:
    """Even if a service changed a post without telling the index, the query decides."""
    post = post_in({})
    Post.objects.filter(pk=post.pk).update(state=PostState.HIDDEN)
    assert SearchEntry.objects.filter(kind="posts", object_id=post.pk).exists()
    assert found_posts(make_user()) == set()


def test_a_renamed_thread_is_found_by_its_new_title() -> None:
    post = post_in({})
    thread = Thread.objects.get(pk=post.thread_id)
    thread.title = "Osteology corner"
    thread.save()
    assert found_posts(make_user(), "osteology") == {post.pk}


def test_visitors_and_applicants_find_no_posts_and_are_not_offered_them() -> None:
    post_in({})
    assert found_posts(AnonymousUser()) == set()
    assert found_posts(make_user(membership_status="applicant")) == set()
    tree = parse(Client().get(SEARCH, {"q": WORD}).content)
    assert "posts" not in [radio.attrs["value"] for radio in tree.all("input", name="kind")]


def test_a_post_with_a_content_note_keeps_its_excerpt_folded() -> None:
    post_in({}, content_note="hospital stay")
    html = signed_in(make_user()).get(SEARCH, {"q": WORD}).content.decode()
    tree = parse(html)
    folded = tree.one("details", class_="search-result__note")
    assert folded.one("summary").text() == "Content note: hospital stay"
    assert f"<mark>{WORD}</mark>" in html


def test_the_count_and_pages_cover_only_what_the_viewer_may_read() -> None:
    for _ in range(3):
        post_in({"audience": SpaceAudience.ORGANIZERS})
    mine = post_in({})
    html = signed_in(make_user()).get(SEARCH, {"q": WORD}).content.decode()
    assert f"1 result for “{WORD}”" in html
    assert "Posts (1)" in html
    assert f'href="/conversations/posts/{mine.pk}/"' in html


def test_search_with_posts_reads_a_fixed_number_of_queries() -> None:
    member = make_user()
    client = signed_in(member)
    post_in({})
    url = f"{SEARCH}?q={WORD}"
    one = queries_for_page(client, url)
    space: Model = make_space()
    for _ in range(25):
        make_post(thread=make_thread(space=space), body=f"More {WORD}.")
    assert queries_for_page(client, url) == one
