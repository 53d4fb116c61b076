"""The tests' one HTML reader: a small tree built with the standard library's parser, for
tests that read pages by their structure (a heading, a table's cells, a form's fields, the
error summary) rather than by matching strings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Protocol


class Page(Protocol):
    """A test client's response."""

    status_code: int
    content: bytes


Response = Page

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
# Elements whose text runs on with the text around them, as a browser shows it; the text of
# any other element is set apart by a space.
INLINE = {"a", "abbr", "b", "code", "em", "i", "kbd", "mark", "q", "s", "small", "span"}
INLINE |= {"strong", "sub", "sup", "time", "u"}
# Elements whose content is not text a reader sees.
UNSEEN = {"script", "style", "template"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    def text(self) -> str:
        """The element's text as a reader sees it (scripts and styles left out), with runs of
        white space made one space."""
        return re.sub(r"\s+", " ", self._text()).strip()

    def _text(self) -> str:
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag in INLINE:
                parts.append(child._text())
            elif child.tag not in UNSEEN:
                parts.append(f" {child._text()} ")
        return "".join(parts)

    def raw_text(self) -> str:
        """The text exactly as written (a textarea's value)."""
        return "".join(
            child if isinstance(child, str) else child.raw_text() for child in self.children
        )

    def all(self, tag: str = "", **attrs: str) -> list[Element]:
        """Descendants with this tag (any, if none is given) and these attribute values, in
        document order. ``class_`` matches one of the element's classes; a trailing
        underscore is dropped from any name (``for_``)."""
        found = []
        for child in self.children:
            if isinstance(child, str):
                continue
            if (not tag or child.tag == tag) and _matches(child, attrs):
                found.append(child)
            found.extend(child.all(tag, **attrs))
        return found

    def one(self, tag: str = "", **attrs: str) -> Element:
        """The one descendant that matches (see ``all``); fails if there are none or several."""
        found = self.all(tag, **attrs)
        assert len(found) == 1, f"{len(found)} elements match {tag or '*'} {attrs}, not one"
        return found[0]


def _matches(element: Element, attrs: dict[str, str]) -> bool:
    for name, value in attrs.items():
        name = name.rstrip("_")
        if name == "class":
            if value not in element.attrs.get("class", "").split():
                return False
        elif element.attrs.get(name) != value:
            return False
    return True


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("document", {})
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open[-1].children.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def parse(page: Response | str | bytes) -> Element:
    """The tree of a response's page, or of some HTML."""
    html = page if isinstance(page, str | bytes) else page.content
    builder = _Builder()
    builder.feed(html.decode() if isinstance(html, bytes) else html)
    builder.close()
    return builder.root


def heading(response: Response) -> str:
    """The text of the page's one h1."""
    return parse(response).one("h1").text()


def page_shown(response: Response, h1: str) -> str:
    """The page's HTML, once it is the page expected: status 200 and its h1. A test that
    checks something is absent reads the page through this, so an error page can't pass it."""
    assert response.status_code == 200, f"status {response.status_code}, not 200"
    shown = heading(response)
    assert shown == h1, f"the page headed {shown!r}, not {h1!r}"
    return response.content.decode()


def read_page(response: Response) -> tuple[str, str]:
    """A page's first heading and its whole text as a reader sees it."""
    page = parse(response)
    headings = page.all("h1")
    return (headings[0].text() if headings else ""), page.text()


def error_summary(page: Element) -> list[str]:
    """The items of the error summary at the top of a form's page."""
    return [item.text() for item in page.one(class_="error-summary").all("li")]


def table_rows(page: Element, caption: str) -> list[list[str]]:
    """The text of each body row's cells (header cells included) of the table with this
    caption."""
    [table] = [t for t in page.all("table") if t.one("caption").text() == caption]
    return [
        [cell.text() for cell in row.children if isinstance(cell, Element)]
        for row in table.one("tbody").all("tr")
    ]


def textarea_value(page: Element, name: str) -> str:
    """What a textarea holds, as a browser reads it: line breaks made LF, and the line break
    that may follow the start tag dropped."""
    value = page.one("textarea", name=name).raw_text().replace("\r\n", "\n").replace("\r", "\n")
    return value[1:] if value.startswith("\n") else value


def flashes(response: Response) -> list[str]:
    """The one-off messages a page shows ("Note added.", refusals), as text."""
    blocks = parse(response).all("div", id="messages")
    return [item.text() for block in blocks for item in block.all("li")]


def field_error(response: Response, name: str) -> str:
    """The error message shown next to form field ``name``."""
    [error] = parse(response).all(id=f"id_{name}_error")
    return error.text().removeprefix("Error:").strip()


def without_csrf(page: Response) -> Element:
    """The page's tree with its CSRF tokens blanked (they differ on every request), for
    comparing two answers."""
    tree = parse(page)
    for token in tree.all("input", name="csrfmiddlewaretoken"):
        token.attrs["value"] = ""
    return tree
