"""One small parser interface for every file format.

A parser is a function `(data: bytes, source: str) -> Document`; the registry maps file
suffixes to parsers, and the list of supported types in error messages is built from it.
Structure (quality statements, scores, heading paths) is found afterwards, once, by
`ingest.sections.split_sections`, whatever the format.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingest.errors import EmptyReport, UnsupportedFileType
from ingest.parsers.html import parse_html
from ingest.parsers.pdf import parse_pdf
from ingest.parsers.text import parse_text
from ingest.sections import split_sections
from ingest.types import Document, ParsedReport

Parser = Callable[[bytes, str], Document]

PARSERS: dict[str, Parser] = {
    ".txt": parse_text,
    ".md": parse_text,
    ".markdown": parse_text,
    ".html": parse_html,
    ".htm": parse_html,
    ".pdf": parse_pdf,
}


def supported_suffixes() -> tuple[str, ...]:
    return tuple(PARSERS)


def parse_bytes(
    data: bytes, source: str, *, report: str | None = None, authority: str | None = None
) -> ParsedReport:
    """Parse one file's bytes into a report of sections (pure: no file system)."""
    suffix = Path(source).suffix.lower()
    parser = PARSERS.get(suffix)
    if parser is None:
        raise UnsupportedFileType(
            source,
            f"unsupported file type {suffix or '(no suffix)'!r}",
            f"Supported types: {', '.join(PARSERS)}. Convert the file or rename it.",
        )
    if not data.strip():
        raise EmptyReport(source, "the file is empty", "Check it was saved completely.")
    document = parser(data, source)
    return split_sections(document, report=report or Path(source).name, authority=authority)


def parse_file(path: Path, *, authority: str | None = None) -> ParsedReport:
    return parse_bytes(path.read_bytes(), path.name, authority=authority)
