"""What the mail-in tests share: a member following a thread with a reply address, and
e-mail messages as a mail program would send them."""

from dataclasses import dataclass
from email.message import EmailMessage

from dm3p.accounts.models import User
from dm3p.conversations.models import Post, Thread
from dm3p.conversations.services.message_ids import post_message_id
from dm3p.conversations.services.reply_addresses import reply_token_issue
from dm3p.core.bounce_addresses import bounce_address_make
from tests.factories import make_user
from tests.factories.conversations import make_post, make_space, make_thread


@dataclass(frozen=True)
class Replier:
    person: User
    thread: Thread
    post: Post  # the post the notification e-mail was about
    address: str


def a_replier(email: str = "Mei.Lin@example.org", **space: object) -> Replier:
    person = make_user(name="Mei", email=email)
    thread = make_thread(space=make_space(**space), title="Quiet rooms")
    post = make_post(thread=thread, author=make_user(name="Ana"), body="Any tips?")
    token = reply_token_issue(person=person, thread=thread)
    return Replier(person, thread, post, f"reply+{token}@dm3p.example.org")


def reply_message(
    replier: Replier,
    text: str = "Ask for the staff room.",
    *,
    sender: str = "Mei Lin <mei.lin@EXAMPLE.org>",
    html: str | None = None,
    headers: dict[str, str] | None = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = replier.address
    message["Subject"] = "Re: Quiet rooms"
    message["Message-ID"] = "<reply-1@mail.example.net>"
    message["In-Reply-To"] = post_message_id(post_id=replier.post.pk, person=replier.person)
    for name, value in (headers or {}).items():
        del message[name]  # one given here takes the place of the one above
        message[name] = value
    if html is None:
        message.set_content(text)
    else:
        message.set_content(html, subtype="html")
    return message.as_bytes()


def delivery_report(
    failed: str, status: str = "5.1.1", action: str = "failed", *, to: str | None = None
) -> bytes:
    """A mail server's report (RFC 3464) that mail to ``failed`` didn't arrive, sent to
    ``to``: by default the bounce address the outbox gives e-mail to ``failed``."""
    to = to or bounce_address_make(to_address=failed)
    return (
        "From: MAILER-DAEMON@mx.example.net\r\n"
        f"To: {to}\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "Auto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n'
        "\r\n"
        "--B\r\n"
        "Content-Type: text/plain\r\n"
        "\r\n"
        "Your message could not be delivered.\r\n"
        "--B\r\n"
        "Content-Type: message/delivery-status\r\n"
        "\r\n"
        "Reporting-MTA: dns; mx.example.net\r\n"
        "\r\n"
        f"Final-Recipient: rfc822; {failed}\r\n"
        f"Action: {action}\r\n"
        f"Status: {status}\r\n"
        "\r\n"
        "--B--\r\n"
    ).encode()
