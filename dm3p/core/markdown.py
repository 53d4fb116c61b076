"""Markdown that people write, turned into safe HTML: markdown-it-py, then nh3.

Images need alt text. An image that adds nothing (a decorative flourish) is marked with the
title "decorative": ``![](/path.png "decorative")``, and is rendered with an empty alt.
"""

import html
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

DECORATIVE = "decorative"

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": True})
_parser.enable(["table", "strikethrough"])

_ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt"}, "th": {"scope"}}


@dataclass(frozen=True)
class ImageProblem:
    number: int
    source: str


def _image_tokens(text: str) -> list[Token]:
    images = []
    for block in _parser.parse(text):
        for child in block.children or []:
            if child.type == "image":
                images.append(child)
    return images


def markdown_image_problems(text: str) -> list[ImageProblem]:
    """Images that have neither alt text nor the explicit "decorative" mark."""
    problems = []
    for number, image in enumerate(_image_tokens(text), start=1):
        alt = image.content.strip()
        title = str(image.attrGet("title") or "").strip().lower()
        if not alt and title != DECORATIVE:
            problems.append(ImageProblem(number=number, source=str(image.attrGet("src") or "")))
    return problems


def markdown_to_html(text: str) -> str:
    tokens = _parser.parse(text)
    for block in tokens:
        for child in block.children or []:
            if child.type == "image" and str(child.attrGet("title") or "").lower() == DECORATIVE:
                child.children = []
                child.content = ""
                child.attrs.pop("title", None)
    html = _parser.renderer.render(tokens, _parser.options, {})
    # A page has one h1 (its title), so headings written as "#" become h2.
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def markdown_to_text(text: str) -> str:
    """What Markdown says, as plain words (for search): no markup, one space between words."""
    words = nh3.clean(markdown_to_html(text), tags=set())
    return " ".join(html.unescape(words).split())
