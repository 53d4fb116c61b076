"""The conversation pages' three scripts, as a person relies on them: new replies offered
while a thread is open, names offered after @ in the reply box, and reactions that answer
without leaving the page. Each is driven with the keyboard."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, expect
from playwright.sync_api import Page as Tab

from dm3p.accounts.models import User
from dm3p.conversations.enums import Reacting, SpaceAudience
from dm3p.conversations.models import Mention, Post, Reaction, Thread
from dm3p.conversations.services.posting import post_add, thread_start
from tests.browser.browsing import ConsoleWatch, focused, press_tab_until, sign_in
from tests.factories import make_named_member
from tests.factories.conversations import make_space, make_space_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open(context: BrowserContext, console: ConsoleWatch, person: User, base_url: str) -> Tab:
    sign_in(context, person, base_url)
    tab = context.new_page()
    console.attach(tab)
    return tab


def _thread_url(base_url: str, thread: Thread) -> str:
    return f"{base_url}{reverse('conversations:thread', args=[thread.pk])}"


def test_new_reply_is_offered_then_shown_with_focus_on_its_heading(
    context: BrowserContext, base_url: str, console: ConsoleWatch
) -> None:
    ana, ben = make_named_member("Ana Ruiz"), make_named_member("Ben Ode")
    thread = thread_start(
        space=make_space(name="General"), author=ana, title="Resting on call", body="Where?"
    )
    tab = _open(context, console, ana, base_url)
    # The page's clock is Playwright's, so the 30-second poll comes when the test says.
    tab.clock.install()
    tab.goto(_thread_url(base_url, thread))
    assert tab.locator("h1").inner_text() == "Resting on call"
    news = tab.locator("#post-news-text")
    show = tab.get_by_role("button", name="Show them")
    expect(show).to_be_hidden()

    reply = post_add(thread=thread, author=ben, body="In the library, on the sofa.")
    with tab.expect_response(re.compile(rf"/threads/{thread.pk}/after/\?after=")) as polled:
        tab.clock.fast_forward("00:31")
    assert polled.value.url.endswith(f"?after={thread.last_post_id}")
    expect(news).to_have_text("1 new reply")
    expect(news).to_have_attribute("aria-live", "polite")
    # Offered, not pushed into the page.
    expect(tab.locator(f"#post-{reply.pk}")).to_have_count(0)
    expect(tab.get_by_text("In the library, on the sofa.")).to_have_count(0)

    show.focus()
    assert focused(tab) == 'button "Show them"'
    tab.keyboard.press("Enter")

    article = tab.get_by_role("article").last
    expect(article).to_have_attribute("id", f"post-{reply.pk}")
    expect(article).to_contain_text("In the library, on the sofa.")
    heading = article.get_by_role("heading", level=2)
    expect(heading).to_be_focused()
    expect(heading).to_contain_text("Post 2")
    expect(heading).to_contain_text("by Ben Ode")
    expect(show).to_be_hidden()
    expect(news).to_have_text("")

    # The next poll asks only after the post now shown, finds nothing and says nothing.
    with tab.expect_response(re.compile(rf"/threads/{thread.pk}/after/")) as polled_again:
        tab.clock.fast_forward("00:31")
    assert polled_again.value.url.endswith(f"?after={reply.pk}")
    assert "<article" not in polled_again.value.text()
    tab.wait_for_timeout(300)  # real time, for the script to read the empty answer
    expect(show).to_be_hidden()
    expect(news).to_have_text("")
    expect(tab.locator(f"#post-{reply.pk}")).to_have_count(1)
    expect(tab.get_by_role("article")).to_have_count(2)
    console.assert_clean("a thread offering a new reply")


def test_names_after_at_are_people_who_can_read_the_thread(
    context: BrowserContext, base_url: str, console: ConsoleWatch
) -> None:
    ana, ben, bel = (
        make_named_member("Ana Ruiz"),
        make_named_member("Ben Ode"),
        make_named_member("Bel Rowe"),
    )
    make_named_member("Bea Lane")  # a member, but not on the space's list: never offered
    space = make_space(name="Night shifts", audience=SpaceAudience.LISTED)
    for person in (ana, ben, bel):
        make_space_member(space=space, person=person)
    thread = thread_start(space=space, author=bel, title="Who covers Friday?", body="Anyone?")
    tab = _open(context, console, ana, base_url)
    tab.goto(_thread_url(base_url, thread))

    press_tab_until(tab, 'textbox "Your post"', limit=80)
    box = tab.get_by_role("textbox", name="Your post")
    names = tab.get_by_role("listbox", name="Names to mention")
    options = names.get_by_role("option")
    tab.keyboard.type("Thanks @Be")
    expect(options).to_have_text(["Bel Rowe", "Ben Ode"])
    expect(box).to_have_attribute("aria-controls", re.compile(r"^mention-names-\d+$"))
    tab.keyboard.press("Escape")
    expect(names).to_be_hidden()
    expect(box).to_have_value("Thanks @Be")
    expect(box).to_be_focused()

    tab.keyboard.press("Backspace")
    tab.keyboard.type("e")
    expect(options).to_have_text(["Bel Rowe", "Ben Ode"])
    tab.keyboard.press("ArrowDown")
    tab.keyboard.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(options.nth(0)).to_have_attribute("aria-selected", "false")
    ben_option = options.nth(1).get_attribute("id")
    assert ben_option
    expect(box).to_have_attribute("aria-activedescendant", ben_option)
    tab.keyboard.press("Enter")

    expect(names).to_be_hidden()
    assert box.get_attribute("aria-activedescendant") is None
    expect(tab.get_by_role("status").filter(has_text="Ben Ode added.")).to_have_text(
        "Ben Ode added."
    )
    tab.keyboard.type("for the tip.")
    expect(box).to_have_value("Thanks @Ben Ode for the tip.")

    press_tab_until(tab, 'button "Send"')
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    sent = Post.objects.filter(thread=thread, author=ana).get()
    assert sent.body == "Thanks @Ben Ode for the tip."
    assert list(Mention.objects.filter(post=sent).values_list("person__name", flat=True)) == [
        "Ben Ode"
    ]
    console.assert_clean("a reply box offering names")


def test_reaction_button_answers_without_leaving_the_page(
    context: BrowserContext, base_url: str, console: ConsoleWatch
) -> None:
    ana, ben = make_named_member("Ana Ruiz"), make_named_member("Ben Ode")
    thread = thread_start(
        space=make_space(name="General"), author=ben, title="Quiet rooms", body="Room 4B."
    )
    post = thread.posts.get()
    tab = _open(context, console, ana, base_url)
    url = _thread_url(base_url, thread)
    tab.goto(url)
    tab.evaluate("window.stillHere = 'yes'")
    thanks = tab.get_by_role("article").get_by_role("button", name=re.compile(r"^Thanks\b"))
    status = tab.get_by_role("article").get_by_role("status")

    press_tab_until(tab, 'button "Thanks"', limit=80)
    expect(thanks).to_have_attribute("aria-pressed", "false")
    tab.keyboard.press("Enter")
    expect(thanks).to_have_attribute("aria-pressed", "true")
    expect(thanks).to_have_accessible_name("Thanks, 1 person")
    expect(status).to_have_text("You reacted \u201cThanks\u201d. Thanks, 1 person.")
    assert focused(tab) == 'button "Thanks, 1 person" [pressed]'
    assert tab.url == url
    assert tab.evaluate("window.stillHere") == "yes"
    assert list(Reaction.objects.values_list("post", "person", "kind")) == [
        (post.pk, ana.pk, Reacting.THANKS.value)
    ]

    tab.keyboard.press("Space")
    expect(thanks).to_have_attribute("aria-pressed", "false")
    expect(thanks).to_have_accessible_name("Thanks")
    expect(status).to_have_text("You took back \u201cThanks\u201d. Thanks.")
    assert tab.url == url
    assert tab.evaluate("window.stillHere") == "yes"
    assert Reaction.objects.count() == 0
    console.assert_clean("a post reacted to and taken back")
