"""Reading pages in the members tests with the standard library's HTML parser."""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class _Element:
    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag, self.attrs = tag, attrs
        self.children: list[_Element | str] = []

    def text(self) -> str:
        parts = [child if isinstance(child, str) else child.text() for child in self.children]
        return " ".join(" ".join(parts).split())

    def walk(self) -> list["_Element"]:
        found = [self]
        for child in self.children:
            if isinstance(child, _Element):
                found.extend(child.walk())
        return found


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


class Page:
    def __init__(self, content: bytes | str) -> None:
        builder = _TreeBuilder()
        builder.feed(content.decode() if isinstance(content, bytes) else content)
        self.root = builder.root

    def find_all(self, tag: str = "", **attrs: str) -> list[_Element]:
        def matches(element: _Element) -> bool:
            if tag and element.tag != tag:
                return False
            for name, value in attrs.items():
                name = name.rstrip("_")
                if name == "class":
                    if value not in element.attrs.get("class", "").split():
                        return False
                elif element.attrs.get(name) != value:
                    return False
            return True

        return [element for element in self.root.walk() if matches(element)]

    def text_of(self, tag: str = "", **attrs: str) -> str:
        found = self.find_all(tag, **attrs)
        assert len(found) == 1, (tag, attrs, len(found))
        return found[0].text()

    def text(self) -> str:
        return self.root.text()

    def error_summary(self) -> list[str]:
        [summary] = self.find_all(class_="error-summary")
        return [item.text() for item in Page.children_named(summary, "li")]

    @staticmethod
    def children_named(element: _Element, tag: str) -> list[_Element]:
        return [found for found in element.walk() if found.tag == tag]
