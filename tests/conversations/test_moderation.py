"""Moderation of conversations: reporting a post, hiding and removing it, holding a new
member's first post, locking, pinning and moving threads; each audited, the author told."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from dm3p.accounts.models import User
from dm3p.circles.models import Circle
from dm3p.conversations.enums import PostState, SpaceAudience, SpaceKind
from dm3p.conversations.hooks import POST_WRITTEN
from dm3p.conversations.models import Post, Report, Thread
from dm3p.conversations.selectors.access import posts_visible_to
from dm3p.conversations.services.posting_rules import state_for_new_post
from dm3p.core.models import AuditEntry, SiteSettings
from dm3p.members.services import profile_ensure
from tests.clock import ORDINARY
from tests.emails import subjects_to, texts_to
from tests.factories import make_user
from tests.factories.circles import make_circle, make_round
from tests.factories.conversations import make_post, make_report, make_space, make_thread
from tests.helpers import Capture, queries_for_page, run_queued_tasks, signed_in
from tests.html_tree import error_summary, parse

pytestmark = [pytest.mark.django_db, pytest.mark.clock(ORDINARY)]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def member(name: str) -> User:
    user = make_user(name=name)
    profile_ensure(user=user)
    return user


def organizer() -> User:
    return make_user(name="Olu Organizer", is_organizer=True)


def general_post(author: User, body: str = "Night shifts are hard with my fatigue.") -> Post:
    space = make_space(name="General", slug="general")
    return make_post(thread=make_thread(space=space, author=author), author=author, body=body)


def circle_post(author: User) -> Post:
    round = make_round(published_at=timezone.now())
    circle = make_circle(round, [author])
    space = make_space(kind=SpaceKind.CIRCLE, circle=circle, name="Circle 1", slug="circle-1")
    return make_post(thread=make_thread(space=space), author=author, body="Only for us.")


def test_a_member_reports_a_post_and_organizers_read_it_on_the_report() -> None:
    author, reader = member("Ana Ruiz"), member("Ben Ode")
    post = general_post(author)
    response = signed_in(reader).post(
        f"/conversations/posts/{post.pk}/report/", {"reason": "Mocking someone's diagnosis."}
    )
    assert response["Location"] == f"/conversations/posts/{post.pk}/"  # back to the post
    report = Report.objects.get()
    assert (report.post, report.about, report.reporter) == (post, author, reader)
    page = parse(signed_in(organizer()).get(f"/manage/reports/{report.pk}/").content)
    assert "Night shifts are hard with my fatigue." in page.text()


def test_nobody_reports_their_own_post_or_one_they_cannot_see() -> None:
    author, ally = member("Ana Ruiz"), make_user(name="Al Ally", membership_status="ally")
    own = general_post(author)
    members_only = make_space(audience=SpaceAudience.MEMBERS, slug="members")
    hidden_from_allies = make_post(thread=make_thread(space=members_only), author=author)
    assert signed_in(author).get(f"/conversations/posts/{own.pk}/report/").status_code == 404
    response = signed_in(ally).post(
        f"/conversations/posts/{hidden_from_allies.pk}/report/", {"reason": "Rude."}
    )
    assert response.status_code == 404
    assert not Report.objects.exists()


def test_a_report_without_a_reason_keeps_the_page_and_says_what_is_missing() -> None:
    post = general_post(member("Ana Ruiz"))
    response = signed_in(member("Ben Ode")).post(
        f"/conversations/posts/{post.pk}/report/", {"reason": ""}
    )
    assert response.status_code == 200
    assert error_summary(parse(response.content))
    assert not Report.objects.exists()


def test_hiding_a_post_tells_its_author_why_and_only_they_still_see_it(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    author, other, moderator = member("Ana Ruiz"), member("Ben Ode"), organizer()
    post = general_post(author)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(moderator).post(
            f"/manage/conversations/posts/{post.pk}/",
            {"action": "hide", "reason": "Checking it against the code of conduct."},
        )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.state == PostState.HIDDEN
    assert Thread.objects.get(pk=post.thread_id).post_count == 0
    assert not posts_visible_to(viewer=other).filter(pk=post.pk).exists()
    assert posts_visible_to(viewer=author).filter(pk=post.pk).exists()
    entry = AuditEntry.objects.get(action="post.hide")
    assert (entry.actor_id, entry.subject_user_id) == (moderator.pk, author.pk)
    run_queued_tasks()
    assert subjects_to(author) == ["About your post in “Finding a quiet room to rest”"]
    assert "Checking it against the code of conduct." in texts_to(author)[0]
    assert "fatigue" not in " ".join(texts_to(author))  # the e-mail never quotes the post


def test_hiding_needs_a_reason_and_keeps_the_post_as_it_was() -> None:
    post = general_post(member("Ana Ruiz"))
    response = signed_in(organizer()).post(
        f"/manage/conversations/posts/{post.pk}/", {"action": "hide", "reason": " "}
    )
    assert response.status_code == 200
    assert "Write the reason the author will read." in parse(response.content).text()
    post.refresh_from_db()
    assert post.state == PostState.SHOWN


def test_removing_a_post_deletes_its_words_for_good() -> None:
    post = general_post(member("Ana Ruiz"))
    signed_in(organizer()).post(
        f"/manage/conversations/posts/{post.pk}/", {"action": "remove", "reason": "Harassment."}
    )
    post.refresh_from_db()
    assert post.state == PostState.REMOVED_BY_MODERATOR
    assert not post.body


def test_organizers_reach_a_circle_post_only_once_it_is_reported() -> None:
    author = member("Ana Ruiz")
    post = circle_post(author)
    moderator = signed_in(organizer())
    assert moderator.get(f"/manage/conversations/posts/{post.pk}/").status_code == 404
    assert moderator.get(f"/manage/conversations/threads/{post.thread_id}/").status_code == 404
    Report.objects.create(reporter=make_user(), about=author, post=post, reason="Unkind.")
    assert moderator.get(f"/manage/conversations/posts/{post.pk}/").status_code == 200
    assert moderator.get(f"/manage/conversations/threads/{post.thread_id}/").status_code == 200


def test_members_and_coordinators_cannot_moderate() -> None:
    post = general_post(member("Ana Ruiz"))
    for person in (member("Ben Ode"), make_user(is_coordinator=True)):
        client = signed_in(person)
        response = client.post(
            f"/manage/conversations/posts/{post.pk}/", {"action": "remove", "reason": "No."}
        )
        assert response.status_code == 404
    post.refresh_from_db()
    assert post.state == PostState.SHOWN


def test_locking_a_thread_tells_the_person_who_started_it(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    author = member("Ana Ruiz")
    post = general_post(author)
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(organizer()).post(
            f"/manage/conversations/threads/{post.thread_id}/",
            {"action": "lock", "reason": "The question is answered."},
        )
    assert Thread.objects.get(pk=post.thread_id).locked
    assert AuditEntry.objects.filter(action="thread.lock").exists()
    run_queued_tasks()
    assert "The question is answered." in texts_to(author)[0]


def test_moving_a_thread_needs_a_space_and_a_reason_and_never_touches_circles() -> None:
    author = member("Ana Ruiz")
    post = general_post(author)
    off_topic = make_space(name="Off topic", slug="off-topic")
    moderator = signed_in(organizer())
    refused = moderator.post(
        f"/manage/conversations/threads/{post.thread_id}/", {"action": "move", "reason": ""}
    )
    assert len(error_summary(parse(refused.content))) == 2
    moderator.post(
        f"/manage/conversations/threads/{post.thread_id}/",
        {"action": "move", "space": off_topic.pk, "reason": "It's not about work."},
    )
    assert Thread.objects.get(pk=post.thread_id).space == off_topic
    in_circle = circle_post(author)
    Report.objects.create(reporter=make_user(), about=author, post=in_circle, reason="Unkind.")
    page = parse(moderator.get(f"/manage/conversations/threads/{in_circle.thread_id}/").content)
    assert "Move it" not in page.text()  # a circle's thread can't be shown to others


def test_pinning_puts_a_thread_first() -> None:
    post = general_post(member("Ana Ruiz"))
    signed_in(organizer()).post(
        f"/manage/conversations/threads/{post.thread_id}/", {"action": "pin"}
    )
    assert Thread.objects.get(pk=post.thread_id).pinned


def _hold_first_posts() -> None:
    settings, _ = SiteSettings.objects.get_or_create(pk=1)
    settings.hold_first_posts = True
    settings.save()


def test_first_posts_are_held_only_when_the_site_says_and_never_in_circles() -> None:
    newcomer = member("Nia New")
    space = make_space(name="General", slug="general")
    assert state_for_new_post(newcomer, space) == PostState.SHOWN
    _hold_first_posts()
    assert state_for_new_post(newcomer, space) == PostState.HELD
    assert state_for_new_post(organizer(), space) == PostState.SHOWN
    assert state_for_new_post(newcomer, circle_post(newcomer).thread.space) == PostState.SHOWN
    assert state_for_new_post(newcomer, None) == PostState.SHOWN
    make_post(thread=make_thread(space=space), author=newcomer)
    assert state_for_new_post(newcomer, space) == PostState.SHOWN


def test_a_new_members_first_reply_waits_and_says_so() -> None:
    _hold_first_posts()
    newcomer = member("Nia New")
    thread = make_thread(space=make_space(name="General", slug="general"))
    make_post(thread=thread, author=member("Ana Ruiz"))
    response = signed_in(newcomer).post(
        f"/conversations/threads/{thread.pk}/reply/", {"body": "Hello, I'm new here."}
    )
    assert response.status_code == 302
    post = Post.objects.get(author=newcomer)
    assert post.state == PostState.HELD
    assert not posts_visible_to(viewer=member("Ben Ode")).filter(pk=post.pk).exists()


def test_approving_a_held_post_shows_it_and_tells_whoever_would_have_heard(
    django_capture_on_commit_callbacks: Capture,
) -> None:
    _hold_first_posts()
    newcomer = member("Nia New")
    post = make_post(thread=make_thread(space=make_space()), author=newcomer, state=PostState.HELD)
    assert Thread.objects.get(pk=post.thread_id).post_count == 0
    heard: list[int] = []
    POST_WRITTEN.append(lambda written: heard.append(written.pk))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            signed_in(organizer()).post(
                f"/manage/conversations/posts/{post.pk}/", {"action": "approve"}
            )
    finally:
        POST_WRITTEN.pop()
    post.refresh_from_db()
    assert post.state == PostState.SHOWN
    assert heard == [post.pk]
    assert Thread.objects.get(pk=post.thread_id).post_count == 1


def test_the_review_list_and_staff_home_count_what_waits() -> None:
    moderator = signed_in(organizer())
    empty = parse(moderator.get("/manage/conversations/review/").content)
    assert "Nothing waiting" in empty.text()
    post = make_post(thread=make_thread(space=make_space()), state=PostState.HELD)
    page = parse(moderator.get("/manage/conversations/review/").content)
    assert post.thread.title in page.text()
    home = parse(moderator.get("/manage/").content)
    assert "1 first post is waiting to be read" in home.text()


def test_the_review_list_runs_the_same_queries_for_one_post_or_many() -> None:
    moderator = signed_in(organizer())
    space = make_space()
    make_post(thread=make_thread(space=space), state=PostState.HELD)
    one = queries_for_page(moderator, "/manage/conversations/review/")
    for _ in range(5):
        make_post(thread=make_thread(space=space), state=PostState.HIDDEN)
    assert queries_for_page(moderator, "/manage/conversations/review/") == one


def test_the_thread_page_for_moderators_offers_only_what_can_be_done_and_a_way_back() -> None:
    topic = general_post(member("Ana Ruiz"))
    circle = circle_post(member("Ben Ode"))
    client = signed_in(organizer())
    page = parse(client.get(f"/manage/conversations/threads/{topic.thread_id}/").content)
    assert page.one("h1").text().startswith("Lock or pin “")
    assert "It can't be moved" in page.one("main").text()
    assert (
        page.one("main").all("a")[0].attrs["href"] == f"/conversations/threads/{topic.thread_id}/"
    )
    make_space(name="Second general", slug="second-general")
    page = parse(client.get(f"/manage/conversations/threads/{topic.thread_id}/").content)
    assert page.one("h1").text().startswith("Lock, pin or move “")
    # A reported post in a circle: organizers can't read its thread, so the way back is
    # the reports.
    make_report(post=circle, about=circle.author)
    page = parse(client.get(f"/manage/conversations/threads/{circle.thread_id}/").content)
    assert page.one("main").all("a")[0].attrs["href"] == "/manage/reports/"


def test_the_reason_is_plainly_required_where_every_choice_needs_one() -> None:
    post = general_post(member("Ana Ruiz"))
    client = signed_in(organizer())
    page = parse(client.get(f"/manage/conversations/posts/{post.pk}/").content)
    reason = page.one("textarea")
    assert "required" in reason.attrs
    assert "(optional)" not in page.one("main").text()
    answer = client.post(f"/manage/conversations/posts/{post.pk}/", {"action": "hide"})
    errors = error_summary(parse(answer.content))
    assert errors == ["Reason: Write the reason the author will read."]


def test_a_post_in_a_circle_can_be_reported_only_by_its_circle() -> None:
    post = circle_post(member("Ana Ruiz"))
    mate = member("Ben Ode")
    circle = Circle.objects.get(space__threads=post.thread)
    circle.memberships.create(member=mate, round=circle.round)
    url = f"/conversations/posts/{post.pk}/report/"
    assert signed_in(mate).get(url).status_code == 200
    for outsider in (member("Cy Outside"), organizer()):
        assert signed_in(outsider).get(url).status_code == 404
        response = signed_in(outsider).post(url, {"reason": "Looks wrong."})
        assert response.status_code == 404
    assert not Report.objects.exists()
