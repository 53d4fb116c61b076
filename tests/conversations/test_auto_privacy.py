"""Posts and personal data (issue 14): every post a member wrote is in their data export;
deleting the account, they choose between removing their posts and leaving them for the
others, signed "former member"."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dm3p.accounts.models import User
from dm3p.conversations.enums import PostState
from dm3p.conversations.models import Attachment, Post, PostRevision, Thread
from dm3p.conversations.services.actions import post_edit
from dm3p.conversations.services.posting import thread_start
from tests.clock import ORDINARY
from tests.factories import make_user
from tests.factories.conversations import (
    make_post,
    make_post_revision,
    make_space,
    make_thread,
    make_thread_participant,
)
from tests.helpers import signed_in
from tests.html_tree import parse

# Posts, reads and e-mails are stamped with the time: run at an ordinary hour, ticking on.
pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY, tick=True)]

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def writer_and_posts() -> tuple[User, User, list[Post]]:
    """Mei wrote in a topic space, in a direct conversation and replied to Ola."""
    mei = make_user(email="mei@example.org", name="Mei")
    ola = make_user(name="Ola")
    space = make_space(name="Rest and pacing")
    topic = thread_start(space=space, author=ola, title="Quiet rooms", body="OLA-WORDS")
    mine = [make_post(thread=topic, author=mei, body="TOPIC-WORDS", content_note="a hospital stay")]
    direct = make_thread(space=None, title="Hello")
    make_thread_participant(thread=direct, person=mei)
    make_thread_participant(thread=direct, person=ola)
    mine.append(make_post(thread=direct, author=mei, body="DIRECT-WORDS"))
    make_post(thread=topic, author=ola, body="OLA-REPLY")
    return mei, ola, mine


def test_every_post_is_in_the_export_with_where_and_when() -> None:
    mei, _, _ = writer_and_posts()
    client = signed_in(mei)
    data = json.loads(client.get("/profile/data.json").content)
    rows = data["Posts"]
    assert [(row["space"], row["thread"], row["text"]) for row in rows] == [
        ("Rest and pacing", "Quiet rooms", "TOPIC-WORDS"),
        ("Direct conversation", "Hello", "DIRECT-WORDS"),
    ]
    assert rows[0]["content_note"] == "a hospital stay"
    assert rows[0]["when"]
    page = client.get("/profile/data/").content.decode()
    assert "TOPIC-WORDS" in page
    assert "DIRECT-WORDS" in page
    assert "OLA" not in json.dumps(data)


def test_a_posts_earlier_versions_are_in_its_authors_export() -> None:
    mei, _, _ = writer_and_posts()
    post = Post.objects.filter(author=mei, thread__space__isnull=False).get()
    post_edit(post=post, body="TOPIC-WORDS, said better", content_note="")
    client = signed_in(mei)
    [row, _] = json.loads(client.get("/profile/data.json").content)["Posts"]
    assert row["text"] == "TOPIC-WORDS, said better"
    assert [version["text"] for version in row["earlier_versions"]] == ["TOPIC-WORDS"]
    assert row["earlier_versions"][0]["content_note"] == "a hospital stay"
    assert "Earlier versions" in client.get("/profile/data/").content.decode()


def test_the_deletion_page_asks_in_plain_words_leaving_posts_by_default() -> None:
    mei, _, _ = writer_and_posts()
    page = parse(signed_in(mei).get("/profile/delete/"))
    radios = page.one("main").all("input", type="radio")
    assert [radio.attrs["value"] for radio in radios] == ["leave", "remove"]
    assert "checked" in radios[0].attrs
    text = page.one("main").text()
    assert "What should happen to what you wrote in conversations?" in text
    assert 'signed "former member"' in text


def test_leaving_posts_keeps_them_signed_former_member() -> None:
    mei, ola, posts = writer_and_posts()
    response = signed_in(mei).post(
        "/profile/delete/", {"confirm_email": "mei@example.org", "posts": "leave"}
    )
    assert "Your account is deleted" in response.content.decode()
    kept = Post.objects.filter(pk__in=[post.pk for post in posts]).order_by("pk")
    assert [(post.author_id, post.state, post.body) for post in kept] == [
        (None, PostState.SHOWN, "TOPIC-WORDS"),
        (None, PostState.SHOWN, "DIRECT-WORDS"),
    ]
    assert Post.objects.filter(author=ola).count() == 2


def test_removing_posts_empties_them_and_deletes_their_pictures_and_history(
    settings: object, tmp_path: object
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    mei, ola, posts = writer_and_posts()
    picture = Attachment.objects.create(
        post=posts[0], image=SimpleUploadedFile("p.png", PNG), alt_text="A sofa."
    )
    stored = picture.image.path
    make_post_revision(post=posts[0], body="EARLIER-WORDS")
    topic = posts[0].thread
    assert Thread.objects.get(pk=topic.pk).post_count == 3
    response = signed_in(mei).post(
        "/profile/delete/", {"confirm_email": "mei@example.org", "posts": "remove"}
    )
    assert "Your account is deleted" in response.content.decode()
    gone = Post.objects.filter(pk__in=[post.pk for post in posts]).order_by("pk")
    assert [(post.author_id, post.state, post.body or "", post.content_note) for post in gone] == [
        (None, PostState.REMOVED, "", ""),
        (None, PostState.REMOVED, "", ""),
    ]
    assert not Attachment.objects.exists()
    assert not PostRevision.objects.exists()
    assert not Path(stored).exists()
    # The threads count only what others can still read; Ola's posts stay.
    topic.refresh_from_db()
    assert topic.post_count == 2
    assert topic.last_post_id == Post.objects.filter(author=ola).order_by("-pk")[0].pk
    assert [post.body for post in Post.objects.filter(author=ola)] == ["OLA-WORDS", "OLA-REPLY"]


def test_without_an_answer_posts_are_left() -> None:
    mei, _, posts = writer_and_posts()
    signed_in(mei).post("/profile/delete/", {"confirm_email": "mei@example.org"})
    assert Post.objects.get(pk=posts[0].pk).body == "TOPIC-WORDS"


def test_removing_posts_takes_the_titles_of_threads_they_started_too() -> None:
    mei, ola, _ = writer_and_posts()
    mine = thread_start(
        space=make_space(name="Off topic"), author=mei, title="My diagnosis story", body="Hi"
    )
    make_post(thread=mine, author=ola, body="Thank you for sharing.")
    signed_in(mei).post("/profile/delete/", {"confirm_email": "mei@example.org", "posts": "remove"})
    mine.refresh_from_db()
    assert mine.title == "A thread started by a former member"
    assert Thread.objects.get(title="Quiet rooms").author == ola  # others' threads keep theirs
