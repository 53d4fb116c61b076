"""Post actions on one post (issue 14): editing and deleting one's own post, the earlier
versions moderators can read, reactions and who gave them, bookmarks. What a person can't
see answers 404, whatever they post."""

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from dm3p.accounts.models import User
from dm3p.conversations.enums import PostState, Reacting, SpaceAudience
from dm3p.conversations.models import Bookmark, Post, PostRevision, Reaction, Thread
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.factories.conversations import make_post, make_space, make_thread
from tests.helpers import signed_in
from tests.html_tree import error_summary, parse

# Posts, reads and e-mails are stamped with the time: run at an ordinary hour, ticking on.
pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY, tick=True)]

BACK = "/conversations/new/"


def member(name: str = "Rosa Example") -> User:
    person = make_user(name=name)
    profile_ensure(user=person)
    return person


def fresh(post: Post) -> Post:
    return Post.objects.get(pk=post.pk)


def test_an_author_edits_their_post_and_the_old_words_are_kept_for_moderators() -> None:
    author = member()
    post = make_post(author=author, body="First words.", content_note="")
    client = signed_in(author)
    page = parse(client.get(reverse("conversations:post_edit", args=[post.pk])))
    assert page.one("textarea", name="body").raw_text().strip() == "First words."
    response = client.post(
        reverse("conversations:post_edit", args=[post.pk]),
        {"body": "Better words.", "content_note": "a hospital stay"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(f"/conversations/posts/{post.pk}/")
    post = fresh(post)
    assert (post.body, post.content_note) == ("Better words.", "a hospital stay")
    assert post.edited_at is not None
    [revision] = PostRevision.objects.filter(post=post)
    assert (revision.body, revision.content_note) == ("First words.", "")

    organizer = make_user(is_organizer=True)
    history = parse(signed_in(organizer).get(reverse("conversations:post_history", args=[post.pk])))
    assert "First words." in history.text()
    assert "Better words." in history.text()
    # The author and other members don't see the history.
    assert client.get(reverse("conversations:post_history", args=[post.pk])).status_code == 404


def test_an_empty_edit_shows_the_problem_and_keeps_the_post() -> None:
    author = member()
    post = make_post(author=author, body="First words.")
    response = signed_in(author).post(
        reverse("conversations:post_edit", args=[post.pk]), {"body": "  ", "content_note": ""}
    )
    assert response.status_code == 200
    assert error_summary(parse(response)) == ["Your post: Write your post, or delete it instead."]
    assert fresh(post).body == "First words."
    assert not PostRevision.objects.exists()


def test_nobody_edits_or_deletes_someone_elses_post() -> None:
    post = make_post(author=member(), body="Mine.")
    other = signed_in(member("Sam Example"))
    for name in ("conversations:post_edit", "conversations:post_delete"):
        url = reverse(name, args=[post.pk])
        assert other.get(url).status_code == 404
        assert other.post(url, {"body": "Hacked.", "content_note": ""}).status_code == 404
    assert fresh(post).body == "Mine."
    assert fresh(post).state == PostState.SHOWN


@pytest.mark.parametrize(
    "state", [PostState.HIDDEN, PostState.REMOVED, PostState.REMOVED_BY_MODERATOR]
)
def test_an_author_cant_edit_a_hidden_or_removed_post(state: PostState) -> None:
    author = member()
    post = make_post(author=author, body="Words.")
    Post.objects.filter(pk=post.pk).update(state=state)
    url = reverse("conversations:post_edit", args=[post.pk])
    client = signed_in(author)
    assert client.get(url).status_code == 404
    assert client.post(url, {"body": "New.", "content_note": ""}).status_code == 404


def test_deleting_a_post_asks_first_then_empties_it_and_updates_the_thread() -> None:
    author = member()
    thread = make_thread()
    first = make_post(thread=thread, body="The question.")
    post = make_post(thread=thread, author=author, body="My answer.")
    make_user_reacts(post)
    author_client = signed_in(author)
    author_client.post(
        reverse("conversations:post_edit", args=[post.pk]),
        {"body": "My better answer.", "content_note": ""},
    )
    url = reverse("conversations:post_delete", args=[post.pk])
    confirm = parse(author_client.get(url))
    assert "This can't be undone." in confirm.text()
    response = author_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == f"/conversations/threads/{thread.pk}/"
    post = fresh(post)
    assert (post.state, post.body, post.content_note) == (PostState.REMOVED, None, "")
    assert not PostRevision.objects.filter(post=post).exists()
    assert not Reaction.objects.filter(post=post).exists()
    thread = Thread.objects.get(pk=thread.pk)
    assert (thread.post_count, thread.last_post_id) == (1, first.pk)
    # Done once: a removed post can't be deleted again.
    assert author_client.post(url).status_code == 404


def make_user_reacts(post: Post) -> None:
    Reaction.objects.create(post=post, person=make_user(), kind=Reacting.THANKS)


def test_reactions_toggle_and_say_in_words_who_pressed_them() -> None:
    post = make_post(author=member(), body="Made it to the end of the week.")
    viewer = member("Sam Example")
    client = signed_in(viewer)
    url = reverse("conversations:post_react", args=[post.pk])
    response = client.post(url, {"kind": "thanks", "next": BACK})
    assert response.status_code == 302
    assert response["Location"] == BACK
    assert Reaction.objects.filter(post=post, person=viewer, kind="thanks").count() == 1
    Reaction.objects.create(post=post, person=member("Lee Example"), kind=Reacting.THANKS)

    tools = parse(tools_for(post, viewer))
    thanks = tools.one("button", value="thanks")
    assert thanks.attrs["aria-pressed"] == "true"
    assert thanks.all("span")[0].attrs["aria-hidden"] == "true"
    assert thanks.text() == "🙏 Thanks, 2 people"
    assert tools.one("button", value="agree").attrs["aria-pressed"] == "false"
    assert tools.one("button", value="agree").text() == "👍 Agree"

    who = parse(client.get(reverse("conversations:post_reactions", args=[post.pk])))
    assert "Thanks, 2 people" in who.text()
    assert "Sam Example" in who.text()
    assert "Lee Example" in who.text()

    client.post(url, {"kind": "thanks", "next": BACK})
    assert not Reaction.objects.filter(post=post, person=viewer).exists()


def tools_for(post: Post, viewer: User) -> str:
    request = RequestFactory().get("/conversations/threads/1/")
    request.user = viewer
    return render_to_string(
        "conversations/_post_tools.html", {"post": post, "viewer": viewer}, request=request
    )


def test_an_unknown_reaction_changes_nothing() -> None:
    post = make_post(body="Hello.")
    client = signed_in(member())
    response = client.post(
        reverse("conversations:post_react", args=[post.pk]), {"kind": "love", "next": BACK}
    )
    assert response.status_code == 302
    assert not Reaction.objects.exists()


def test_an_author_sees_edit_and_delete_others_see_neither() -> None:
    author = member()
    post = make_post(author=author, body="Hello.")
    own = parse(tools_for(post, author)).text()
    assert "Edit your post" in own
    assert "Delete your post" in own
    other = parse(tools_for(post, member("Sam Example"))).text()
    assert "Edit" not in other
    assert "Delete" not in other


def test_bookmarks_are_added_listed_and_removed() -> None:
    viewer = member()
    post = make_post(body="A list of quiet rooms.")
    client = signed_in(viewer)
    url = reverse("conversations:post_bookmark", args=[post.pk])
    client.post(url, {"bookmark": "1", "next": BACK})
    client.post(url, {"bookmark": "1", "next": BACK})  # twice is still one bookmark
    assert Bookmark.objects.filter(person=viewer, post=post).count() == 1
    assert "Remove bookmark" in parse(tools_for(post, viewer)).text()
    listing = parse(client.get(reverse("conversations:bookmarks")))
    [link] = [a for a in listing.all("a") if a.text() == post.thread.title]
    assert link.attrs["href"] == f"/conversations/posts/{post.pk}/"
    client.post(url, {"bookmark": "0", "next": reverse("conversations:bookmarks")})
    assert not Bookmark.objects.exists()
    assert "No bookmarks yet." in parse(client.get(reverse("conversations:bookmarks"))).text()


def test_bookmarks_of_posts_no_longer_visible_are_not_listed() -> None:
    viewer = member()
    space = make_space(audience=SpaceAudience.LISTED)
    post = make_post(thread=make_thread(space=space), body="Secret words.")
    Bookmark.objects.create(person=viewer, post=post)
    page = signed_in(viewer).get(reverse("conversations:bookmarks"))
    assert "Secret words." not in page.content.decode()
    assert post.thread.title not in parse(page).one("main").text()


def test_a_member_cant_react_to_or_bookmark_a_post_in_a_space_they_cant_see() -> None:
    space = make_space(audience=SpaceAudience.LISTED)
    post = make_post(thread=make_thread(space=space), body="For the listed people.")
    client = signed_in(member())
    for name, data in [
        ("conversations:post_react", {"kind": "thanks"}),
        ("conversations:post_bookmark", {"bookmark": "1"}),
    ]:
        assert client.post(reverse(name, args=[post.pk]), data).status_code == 404
    assert client.get(reverse("conversations:post_reactions", args=[post.pk])).status_code == 404
    assert not Reaction.objects.exists()
    assert not Bookmark.objects.exists()


def test_post_actions_need_the_forms_csrf_token() -> None:
    viewer = member()
    post = make_post(body="Hello.")
    client = Client(enforce_csrf_checks=True)
    client.force_login(viewer, backend="dm3p.accounts.backends.EmailBackend")
    url = reverse("conversations:post_react", args=[post.pk])
    assert client.post(url, {"kind": "thanks"}).status_code == 403
    assert not Reaction.objects.exists()


def test_a_next_address_off_the_site_is_not_followed() -> None:
    post = make_post(body="Hello.")
    response = signed_in(member()).post(
        reverse("conversations:post_bookmark", args=[post.pk]),
        {"bookmark": "1", "next": "https://evil.example.com/"},
    )
    assert response["Location"] == f"/conversations/posts/{post.pk}/"


def test_the_pages_script_gets_the_buttons_new_states_and_a_sentence_to_announce() -> None:
    post = make_post(author=member(), body="Hello.")
    Reaction.objects.create(post=post, person=member("Lee Example"), kind=Reacting.SUPPORT)
    client = signed_in(member("Sam Example"))
    response = client.post(
        reverse("conversations:post_react", args=[post.pk]),
        {"kind": "support"},
        headers={"Accept": "application/json"},
    )
    answer = response.json()
    assert answer["said"] == "You reacted \u201cSending support\u201d. Sending support, 2 people."
    assert {"kind": "support", "text": "Sending support, 2 people", "pressed": True} in answer[
        "buttons"
    ]
    assert {"kind": "thanks", "text": "Thanks", "pressed": False} in answer["buttons"]
    # No message waits for the next page: the script said it already.
    assert "Sending support" not in client.get(reverse("conversations:bookmarks")).content.decode()
