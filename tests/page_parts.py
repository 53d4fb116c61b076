"""Read parts of a page with a real HTML parser: the text of given elements, and links."""

from html.parser import HTMLParser


class _Parts(HTMLParser):
    def __init__(self, tag: str, inside: str | None) -> None:
        super().__init__()
        self.tag, self.inside = tag, inside
        self.depth_inside = 0 if inside else 1
        self.open: list[list[str]] = []
        self.texts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == self.inside:
            self.depth_inside += 1
        if self.depth_inside <= 0:
            return
        if tag == self.tag:
            self.open.append([])
        if tag == "a":
            self.links.extend(value or "" for name, value in attrs if name == "href")

    def handle_endtag(self, tag: str) -> None:
        if self.depth_inside > 0 and tag == self.tag and self.open:
            self.texts.append(" ".join("".join(self.open.pop()).split()))
        if tag == self.inside:
            self.depth_inside -= 1

    def handle_data(self, data: str) -> None:
        for buffer in self.open:
            buffer.append(data)


def texts_of(html: str, tag: str, *, inside: str | None = None) -> list[str]:
    """The text of every ``tag`` element (only those within ``inside``, if given)."""
    parts = _Parts(tag, inside)
    parts.feed(html)
    return parts.texts


def links_in(html: str, *, inside: str | None = None) -> list[str]:
    """The ``href`` of every link (only those within ``inside``, if given)."""
    parts = _Parts("a", inside)
    parts.feed(html)
    return parts.links
