"""A member finds a conversation and answers it with the keyboard alone: Conversations in
the menu, a space, a thread, the link that skips to the first new post, and a reply that
quotes it."""

import pytest
from playwright.sync_api import BrowserContext

from dm3p.conversations.models import Post, Space
from dm3p.conversations.services.posting import post_add, thread_start
from tests.browser.browsing import ConsoleWatch, focused, press_tab_until, sign_in
from tests.factories import make_named_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_skips_to_the_first_new_post_and_replies_quoting_it(
    context: BrowserContext, base_url: str, console: ConsoleWatch
) -> None:
    ana, ben = make_named_member("Ana Ruiz"), make_named_member("Ben Ode")
    space = Space.objects.create(name="General", slug="general", description="Hello.")
    thread = thread_start(
        space=space, author=ana, title="Resting on call", body="Where do you rest?"
    )
    second = post_add(thread=thread, author=ben, body="In the library, on the sofa.")
    post_add(thread=thread, author=ben, body="Ask occupational health too.")
    sign_in(context, ana, base_url)
    tab = context.new_page()
    console.attach(tab)
    tab.goto(f"{base_url}/")

    press_tab_until(tab, 'link "Conversations"', limit=60)
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    press_tab_until(tab, 'link "General"')
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    press_tab_until(tab, 'link "Resting on call"')
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.locator("h1").inner_text() == "Resting on call"

    press_tab_until(tab, 'link "Skip to the first new post"')
    tab.keyboard.press("Enter")
    assert tab.url.endswith(f"#post-{second.pk}")
    tab.keyboard.press("Tab")
    assert focused(tab) == 'link "Reply to post 2"'
    tab.keyboard.press("Tab")
    assert focused(tab) == 'link "Quote post 2"'
    with tab.expect_navigation():
        tab.keyboard.press("Enter")

    press_tab_until(tab, 'textbox "Your post"')
    assert "Ben Ode wrote:" in tab.locator("textarea[name=body]").input_value()
    tab.keyboard.press("Control+End")
    tab.keyboard.type("Thank you, I will.")
    press_tab_until(tab, 'button "Send"')
    with tab.expect_navigation():
        tab.keyboard.press("Enter")

    reply = Post.objects.order_by("pk").last()
    assert reply is not None
    assert reply.reply_to_id == second.pk
    assert reply.body is not None
    assert reply.body.startswith("Ben Ode wrote:\n\n> In the library, on the sofa.")
    assert reply.body.endswith("Thank you, I will.")
    assert tab.url.endswith(f"#post-{reply.pk}")
