"""The vocabulary of ingest: what a parser returns and what sections and chunks are.

Frozen dataclasses: built once by pure functions and never mutated afterwards.
Offsets are character offsets into `Document.text` (sections) or `Section.text`
(chunks), so a quote can always be sliced back out of what was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading found by a parser: `text` sits at `Document.text[start:end]`."""

    level: int  # 1-3 from markup; 4 for a plain-line heading inferred from layout
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Document:
    """What every parser returns: plain text plus the structure it could see."""

    source: str  # file name the text came from
    text: str
    headings: tuple[Heading, ...] = ()
    page_starts: tuple[int, ...] = ()  # offset where page i+1 starts; empty if unpaged
    title: str | None = None
    infer_headings: bool = True  # plain-line heading detection (off where markup is exact)
    notes: tuple[str, ...] = ()  # warnings met while reading (encoding fallback, ...)

    def pages_for(self, start: int, end: int) -> tuple[int, ...]:
        """1-based page numbers covering text[start:end] (empty for unpaged text)."""
        if not self.page_starts:
            return ()
        first = last = 1
        for i, page_start in enumerate(self.page_starts):
            if page_start <= start:
                first = i + 1
            if page_start < max(end, start + 1):
                last = i + 1
        return tuple(range(first, last + 1))


@dataclass(frozen=True, slots=True)
class Section:
    """A run of report text under one heading path, inside one quality statement."""

    report: str
    authority: str
    theme: str | None
    quality_statement: str | None
    score: int | None
    score_meaning: str | None
    heading_path: tuple[str, ...]
    text: str
    source: str
    char_start: int  # into Document.text
    char_end: int
    pages: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Chunk:
    """A token-bounded piece of one section: `section.text[start:end] == text`."""

    section: Section
    index: int  # position within the report, 0-based
    start: int
    end: int
    text: str
    pages: tuple[int, ...] = ()

    @property
    def doc_start(self) -> int:
        return self.section.char_start + self.start

    @property
    def doc_end(self) -> int:
        return self.section.char_start + self.end


@dataclass(frozen=True, slots=True)
class ParsedReport:
    """A whole report as sections, with the warnings met on the way."""

    report: str
    source: str
    authority: str
    text: str
    sections: tuple[Section, ...]
    overall_rating: str | None = None
    warnings: tuple[str, ...] = field(default=())
    scores: dict[str, int] = field(default_factory=dict)  # quality statement -> stated score
    overall_percentage: int | None = None
