"""PDF reports via pypdf: page numbers kept, running headers and footers dropped.

pypdf gives one line per printed line, so this module rebuilds paragraphs and finds
headings from layout: a short line without closing punctuation between paragraphs, or a
line naming a CQC theme, quality statement or standard subsection. A line that recurs
(digits ignored) at the top or bottom of at least half the pages is a running header or
footer ("Page 3 of 40"). Scanned PDFs (no text layer) and encrypted ones are refused with
a message saying what to do; there is no OCR here.
"""

from __future__ import annotations

import io
import re
from collections import Counter

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ingest.errors import NoTextLayer, UnreadableReport
from ingest.framework import STANDARD_SUBSECTIONS, match_quality_statement, match_theme
from ingest.types import Document, Heading

_EDGE_LINES = 3  # running headers/footers live in the first or last three lines of a page
_TERMINAL = (".", ",", ";", ":", "!", "?", ")")
_LABEL = re.compile(r"^(Score:\s*[1-4]|[1-4]\s*[-–—]\s*Evidence shows|Overall (rating|score):)")


def parse_pdf(data: bytes, source: str) -> Document:
    pages = _page_lines(data, source)
    running = _running_lines(pages)
    body = [
        [ln for i, ln in enumerate(lines) if not _is_running(ln, i, len(lines), running)]
        for lines in pages
    ]
    return _assemble(body, source, title=_first_title(pages))


def _page_lines(data: bytes, source: str) -> list[list[str]]:
    if not data.startswith(b"%PDF"):
        raise UnreadableReport(
            source,
            "this is not a PDF file (no %PDF header)",
            "Check the file; it may be another format renamed to .pdf.",
        )
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableReport(
                source,
                "the PDF is password-protected",
                "Save an unprotected copy (print to PDF) and ingest that.",
            )
        texts = [page.extract_text() or "" for page in reader.pages]
    except UnreadableReport:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise UnreadableReport(
            source,
            f"the PDF cannot be read ({exc.__class__.__name__}: {exc})",
            "The file may be truncated or damaged; download it again.",
        ) from exc
    if not any(t.strip() for t in texts):
        raise NoTextLayer(
            source,
            f"the PDF has {len(texts)} page(s) but no extractable text (scanned?)",
            "Run OCR on it (e.g. ocrmypdf) or use the HTML version of the report.",
        )
    return [
        [" ".join(line.split()) for line in text.splitlines() if line.strip()] for text in texts
    ]


_PAGE_NUMBER = re.compile(r"\bpage\s*\d+|\b\d+\s*(of|/)\s*\d+\b|^\W*\d+\W*$", re.I)


def _shape(line: str) -> str:
    """A line as a running header would repeat it: digits only vary in page numbering."""
    line = line.lower()
    return re.sub(r"\d+", "#", line) if _PAGE_NUMBER.search(line) else line


def _edge_keys(lines: list[str]) -> set[tuple[int, str]]:
    """(position from the nearer edge, shape) of a page's top and bottom lines; negative
    positions count from the bottom. Keyed by position so that body text which happens to
    repeat somewhere near an edge is not mistaken for a running header."""
    top = {(i, _shape(ln)) for i, ln in enumerate(lines[:_EDGE_LINES])}
    bottom = {(-1 - i, _shape(ln)) for i, ln in enumerate(reversed(lines[-_EDGE_LINES:]))}
    return top | bottom


def _running_lines(pages: list[list[str]]) -> set[tuple[int, str]]:
    if len(pages) < 2:
        return set()
    counts: Counter[tuple[int, str]] = Counter()
    for lines in pages:
        counts.update(_edge_keys(lines))
    # Running headers and footers are short; a long line recurring at an edge is body text.
    return {key for key, n in counts.items() if n >= max(2, len(pages) / 2) and len(key[1]) <= 90}


def _is_running(line: str, i: int, n: int, running: set[tuple[int, str]]) -> bool:
    shape = _shape(line)
    return (i, shape) in running or (i - n, shape) in running


def _first_title(pages: list[list[str]]) -> str | None:
    for line in pages[0][:6] if pages else []:
        if "local authority assessment" in line.lower():
            return line
    return None


def _is_known_heading(line: str) -> bool:
    return bool(match_quality_statement(line) or match_theme(line) or line in STANDARD_SUBSECTIONS)


def _assemble(pages: list[list[str]], source: str, title: str | None) -> Document:
    lengths = sorted(len(ln) for lines in pages for ln in lines)
    full = lengths[int(len(lengths) * 0.9)] if lengths else 80  # a typical full line
    out: list[str] = []
    headings: list[Heading] = []
    page_starts: list[int] = []
    size = 0
    prev: str | None = None  # previous body line, across pages
    for lines in pages:
        page_starts.append(size + (2 if out else 0))
        for i, line in enumerate(lines):
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            heading = _is_known_heading(line) or _looks_like_heading(line, prev, nxt, full)
            label = bool(_LABEL.match(line))
            para_break = (
                heading
                or label
                or prev is None
                or _ends_paragraph(prev, full)
                or _is_heading_line(prev, headings, out)
                or bool(_LABEL.match(prev))
            )
            sep = "" if not out else ("\n\n" if para_break else " ")
            out.append(sep + line)
            size += len(sep)
            if heading:
                level = 3 if match_quality_statement(line) or match_theme(line) else 4
                if line in STANDARD_SUBSECTIONS:
                    level = 3
                headings.append(Heading(level, line, size, size + len(line)))
            size += len(line)
            prev = line
    text = "".join(out)
    if title and headings and headings[0].text == title:
        headings[0] = Heading(1, title, headings[0].start, headings[0].end)
    return Document(
        source=source,
        text=text,
        headings=tuple(headings),
        page_starts=tuple(page_starts),
        title=title,
        infer_headings=False,
    )


def _is_heading_line(prev: str, headings: list[Heading], out: list[str]) -> bool:
    return bool(headings) and headings[-1].text == prev and out[-1].endswith(prev)


def _ends_paragraph(line: str, full: int) -> bool:
    return line.endswith((".", "!", "?", ".'", '."', ".)")) and len(line) < 0.85 * full


def _looks_like_heading(line: str, prev: str | None, nxt: str | None, full: int) -> bool:
    if len(line) > 0.7 * full or line.endswith(_TERMINAL) or len(line.split()) > 14:
        return False
    if ":" in line or not line[:1].isupper() or re.match(r"^(Score:|\d\s*-\s*Evidence|©)", line):
        return False
    prev_closed = (
        prev is None or prev.endswith((".", "!", "?", "%", '"', "'")) or _is_known_heading(prev)
    )
    return prev_closed and nxt is not None and nxt[:1].isupper()
