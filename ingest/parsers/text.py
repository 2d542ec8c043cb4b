"""Plain text and Markdown: `#` headings are explicit; plain-line headings are inferred later.

Decodes UTF-8 (with or without BOM); falls back to Windows-1252, the encoding Word and
older Windows tools save in, rather than rejecting a readable file.
"""

from __future__ import annotations

import re

from ingest.errors import UnreadableReport
from ingest.types import Document, Heading

_ATX = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """(text, encoding) with newlines normalised to \\n."""
    if b"\x00" in data[:4096]:
        raise UnreadableReport(
            source,
            "this looks like a binary file, not text",
            "Save the report as .txt, .md, .html or .pdf and try again.",
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnreadableReport(
            source,
            "the text is neither UTF-8 nor Windows-1252",
            "Re-save the file as UTF-8 (e.g. 'Save as... > UTF-8' in your editor).",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def parse_text(data: bytes, source: str) -> Document:
    text, encoding = decode_text(data, source)
    headings = tuple(
        Heading(level=min(len(m.group(1)), 3), text=m.group(2), start=m.start(), end=m.end())
        for m in _ATX.finditer(text)
    )
    title = next((h.text for h in headings if h.level == 1), None)
    notes = (
        ()
        if encoding == "utf-8-sig"
        else (f"decoded as Windows-1252 ({encoding}); re-save as UTF-8 to silence this",)
    )
    return Document(source=source, text=text, headings=headings, title=title, notes=notes)
