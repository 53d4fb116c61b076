"""Reading a message that came in: its reply and bounce addresses, sender, whether a
machine sent it, what it reports about failed deliveries, and the words the person wrote
(without the text they quoted or their signature). Plain functions over the stdlib's
``email`` package."""

import re
from email import policy
from email.errors import HeaderParseError
from email.message import EmailMessage, Message
from email.parser import BytesParser
from html.parser import HTMLParser

from mailparser_reply import EmailMessage as ReplyText

from dm3p.core.bounce_addresses import BOUNCE_ADDRESS

# The sub-address the site gives each recipient and thread (``reply+TOKEN@domain``).
REPLY_ADDRESS = re.compile(r"(?<![\w.+-])reply\+([A-Za-z0-9_-]{16,64})@", re.IGNORECASE)
RECIPIENT_HEADERS = ("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To")
# Languages whose reply headers ("On … wrote:") and sign-offs the reply parser knows.
REPLY_LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pl", "sv"]
# What the header parser may raise on a header broken beyond its repairs.
HEADER_ERRORS = (HeaderParseError, IndexError, ValueError, TypeError, AttributeError)


class UnreadableError(Exception):
    """The bytes are not an e-mail message the site can read."""


def message_parse(raw: bytes) -> EmailMessage:
    """The message in ``raw``; ``UnreadableError`` when it has no headers or no sender."""
    if not raw.strip():
        raise UnreadableError("empty")
    message = BytesParser(_class=EmailMessage, policy=policy.default).parsebytes(raw)
    if not isinstance(message, EmailMessage):  # the parser makes what ``_class`` says
        raise UnreadableError("not a message")
    try:
        if not message.keys() or message["From"] is None:
            raise UnreadableError("no sender")
    except HEADER_ERRORS as error:
        raise UnreadableError("broken headers") from error
    return message


def header_text(message: Message, name: str) -> str:
    """All of a header's values as one string; empty when missing or unreadable."""
    try:
        return " ".join(str(value) for value in message.get_all(name) or [])
    except HEADER_ERRORS:
        return ""


def reply_tokens(message: Message) -> list[str]:
    """The tokens of every reply address the message was sent to, in header order."""
    found: list[str] = []
    for name in RECIPIENT_HEADERS:
        for token in REPLY_ADDRESS.findall(header_text(message, name)):
            if token not in found:
                found.append(token)
    return found


def bounce_tokens(message: Message) -> list[str]:
    """The tokens of every bounce address (dm3p.core.bounce_addresses) the message was
    sent to."""
    found: list[str] = []
    for name in RECIPIENT_HEADERS:
        for token in BOUNCE_ADDRESS.findall(header_text(message, name)):
            if token.lower() not in found:
                found.append(token.lower())
    return found


def sender_address(message: EmailMessage) -> str:
    """The one address in ``From`` (lower case); empty when there is not exactly one."""
    try:
        addresses = message["From"].addresses
    except HEADER_ERRORS:
        return ""
    if len(addresses) != 1 or not addresses[0].addr_spec or "@" not in addresses[0].addr_spec:
        return ""
    return str(addresses[0].addr_spec).strip().lower()


def sent_by_a_machine(message: Message) -> bool:
    """Auto-replies (out of office), lists and bulk mail: never a person's reply, and never
    answered (RFC 3834)."""
    auto = header_text(message, "Auto-Submitted").strip().lower()
    precedence = header_text(message, "Precedence").strip().lower()
    return bool(auto and auto != "no") or precedence in {"bulk", "junk", "list"}


def is_delivery_report(message: Message) -> bool:
    """A delivery status notification (RFC 3464): a mail server saying mail didn't arrive."""
    return (
        message.get_content_type() == "multipart/report"
        and str(message.get_param("report-type", "")).lower() == "delivery-status"
    )


def hard_bounced_addresses(message: Message) -> list[str]:
    """The recipients a delivery report says failed for good (``Action: failed`` with a
    5.x.x status), each as both its ``Final-Recipient`` and its ``Original-Recipient``
    (they differ when the mail was forwarded); delays and temporary failures don't count."""
    failed: list[str] = []
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        payload = part.get_payload()
        blocks = payload if isinstance(payload, list) else []
        for block in blocks:
            if not isinstance(block, Message):
                continue
            action = header_text(block, "Action").strip().lower()
            status = header_text(block, "Status").strip()
            if action != "failed" or not status.startswith("5"):
                continue
            for name in ("Final-Recipient", "Original-Recipient"):
                address = header_text(block, name).split(";", 1)[-1].strip().strip("<>")
                if "@" in address and address.lower() not in failed:
                    failed.append(address.lower())
    return failed


class _TextFromHtml(HTMLParser):
    """The words of an HTML e-mail, with paragraphs and line breaks, quotes marked with
    ``>``; scripts, styles and quoted replies (``blockquote``) left out."""

    BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "hr"})
    SKIPPED = frozenset({"script", "style", "head", "title", "blockquote"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS and tag != "br":
            self.parts.append("\n\n" if tag == "p" else "\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(" ".join(data.split(" ")).replace("\n", " "))

    def text(self) -> str:
        lines = [" ".join(line.split()) for line in "".join(self.parts).split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def text_from_html(html: str) -> str:
    parser = _TextFromHtml()
    parser.feed(html)
    parser.close()
    return parser.text()


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:  # a charset Python doesn't know
        return payload.decode("utf-8", errors="replace")


def body_text(message: EmailMessage) -> str:
    """What the person wrote, as plain text: the plain-text part, else the HTML part turned
    into text. Attachments are left out."""
    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except HEADER_ERRORS:
        part = None
    if part is None:
        return ""
    text = _part_text(part)
    if part.get_content_type() == "text/html":
        text = text_from_html(text)
    return text


_TRAILING_QUOTE = re.compile(r"(?:\n>[^\n]*|\n[ \t]*)+\Z")


def reply_only(text: str) -> str:
    """``text`` without the message it quotes ("On … wrote:" and what follows, forwarded
    headers) or the writer's signature ("-- ", "Sent from my phone", sign-offs). Quotes the
    writer answers between their own lines stay, as Markdown quotes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parsed = ReplyText(text=text, languages=list(REPLY_LANGUAGES), keep_hyphen_lists=True).read()
    reply = str(parsed.replies[0].body) if parsed.replies else ""
    return _TRAILING_QUOTE.sub("", "\n" + reply).strip()
