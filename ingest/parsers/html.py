"""Saved CQC web pages: h1-h3 headings, paragraphs and list items of the main content.

CQC publishes one quality statement per page, the authority's name in the title
("<Authority>: local authority assessment"). Navigation, cookie banners, headers,
footers, scripts and styles are dropped; only text is kept, so markup in a report can
never reach a browser from here.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from ingest.errors import EmptyReport
from ingest.parsers.text import decode_text
from ingest.types import Document, Heading

_DROP_TAGS = [
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "svg",
    "iframe",
    "select",
    "input",
]
_DROP_HINTS = re.compile(r"cookie|breadcrumb|skip|banner|nav|menu|share|feedback-form", re.I)
_BLOCKS = [
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "li",
    "td",
    "th",
    "dd",
    "dt",
    "blockquote",
    "pre",
]


def parse_html(data: bytes, source: str) -> Document:
    markup, _ = decode_text(data, source)
    soup = BeautifulSoup(markup, "html.parser")
    title_tag = soup.find("title")
    title = " ".join(title_tag.get_text(" ").split()) if title_tag else None
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_boilerplate):
        tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup

    parts: list[str] = []
    headings: list[Heading] = []
    offset = 0
    for block in root.find_all(_BLOCKS):
        if block.find_parent(_BLOCKS):  # a <p> inside an <li> is read once, with its parent
            continue
        text = " ".join(block.get_text(" ").split())
        if not text:
            continue
        if parts:
            offset += 2  # the "\n\n" joining blocks
        if block.name[0] == "h":
            level = min(int(block.name[1]), 3)
            headings.append(Heading(level, text, offset, offset + len(text)))
        parts.append(text)
        offset += len(text)
    text = "\n\n".join(parts)
    if not text.strip():
        raise EmptyReport(
            source,
            "the page has no readable text",
            "Save the page with its content (not only the frame).",
        )
    if title is None and headings and headings[0].level == 1:
        title = headings[0].text
    return Document(
        source=source, text=text, headings=tuple(headings), title=title, infer_headings=False
    )


def _is_boilerplate(tag: Tag) -> bool:
    if not isinstance(tag, Tag) or tag.name in ("html", "body", "main", "article"):
        return False
    attrs = " ".join(
        [str(tag.get("id") or ""), " ".join(tag.get("class") or []), str(tag.get("role") or "")]
    )
    return bool(attrs.strip()) and bool(_DROP_HINTS.search(attrs))
