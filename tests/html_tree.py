"""A small HTML tree built with the standard library's parser, for tests that read pages by
their structure (a table's cells, a form's fields) rather than by matching strings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    def text(self) -> str:
        """The element's text with runs of white space made one space."""
        parts = [child if isinstance(child, str) else child.text() for child in self.children]
        return re.sub(r"\s+", " ", " ".join(parts)).strip()

    def raw_text(self) -> str:
        """The text exactly as written (a textarea's value)."""
        return "".join(
            child if isinstance(child, str) else child.raw_text() for child in self.children
        )

    def all(self, tag: str, **attrs: str) -> list[Element]:
        """Descendants with this tag and these attribute values, in document order."""
        found = []
        for child in self.children:
            if isinstance(child, str):
                continue
            if child.tag == tag and all(child.attrs.get(k) == v for k, v in attrs.items()):
                found.append(child)
            found.extend(child.all(tag, **attrs))
        return found

    def one(self, tag: str, **attrs: str) -> Element:
        [only] = self.all(tag, **attrs)
        return only


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


def parse(html: str | bytes) -> Element:
    builder = _Builder()
    builder.feed(html.decode() if isinstance(html, bytes) else html)
    builder.close()
    return builder.root


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
