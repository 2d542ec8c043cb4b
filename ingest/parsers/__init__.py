"""One small parser interface for every file format.

A parser is a function `(data: bytes, source: str) -> Document`; the registry maps file
suffixes to parsers, and the list of supported types in error messages is built from it.
Structure (quality statements, scores, heading paths) is found afterwards, once, by
`ingest.sections.split_sections`, whatever the format.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from ingest.errors import EmptyReport, UnsupportedFileType
from ingest.sections import split_sections
from ingest.types import Document, ParsedReport

Parser = Callable[[bytes, str], Document]

# Suffix -> (module, function). A parser's module is imported when a file of its kind is
# parsed: pypdf and bs4 cost ~0.3 s, and a cold `cqc-rag ask` only asks which suffixes
# exist (rag.paths), never parses.
PARSERS: dict[str, tuple[str, str]] = {
    ".txt": ("ingest.parsers.text", "parse_text"),
    ".md": ("ingest.parsers.text", "parse_text"),
    ".markdown": ("ingest.parsers.text", "parse_text"),
    ".html": ("ingest.parsers.html", "parse_html"),
    ".htm": ("ingest.parsers.html", "parse_html"),
    ".pdf": ("ingest.parsers.pdf", "parse_pdf"),
}


def parser_for(suffix: str) -> Parser | None:
    """The parser for a file suffix (".pdf"), imported now; None for an unsupported one."""
    where = PARSERS.get(suffix.lower())
    if where is None:
        return None
    parser: Parser = getattr(import_module(where[0]), where[1])
    return parser


def supported_suffixes() -> tuple[str, ...]:
    return tuple(PARSERS)


def parse_bytes(
    data: bytes, source: str, *, report: str | None = None, authority: str | None = None
) -> ParsedReport:
    """Parse one file's bytes into a report of sections (pure: no file system)."""
    suffix = Path(source).suffix.lower()
    parser = parser_for(suffix)
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
